#!/usr/bin/env node
// Validates one .glb/.gltf file with the pinned Khronos glTF validator and prints its report as JSON
// on stdout. Exit status: 0 when the report was produced (read issues.numErrors for the verdict),
// 2 when the file cannot be read or validation could not run.
'use strict';
const fs = require('fs');
const validator = require('gltf-validator');

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.js FILE.glb');
  process.exit(2);
}
let bytes;
try {
  bytes = new Uint8Array(fs.readFileSync(file));
} catch (e) {
  console.error(file + ': cannot read (' + e.message + ')');
  process.exit(2);
}
validator.validateBytes(bytes, { uri: file, maxIssues: 1000 })
  .then((report) => {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  })
  .catch((error) => {
    console.error(file + ': validation could not run (' + error + ')');
    process.exit(2);
  });
