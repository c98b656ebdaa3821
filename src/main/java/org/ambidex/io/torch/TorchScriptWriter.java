package org.ambidex.io.torch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ambidex.io.NdArray;

/**
 * Writes a TorchScript module archive, the file {@code torch.jit.save} writes and {@code torch.jit.load} (and DJL's
 * {@code PtSymbolBlock}) loads, from TorchScript source text: one module class without submodules or parameters,
 * whose tensors and custom-class objects are constants ({@code CONSTANTS.c0}, {@code CONSTANTS.c1}, ... in the
 * source). The archive holds {@code code/__torch__/<module path>.py} (the source), {@code constants.pkl} (a
 * protocol 2 pickle of the constants' tuple; tensors are {@code _rebuild_tensor_v2} calls on storages in
 * {@code constants/<key>}), {@code data.pkl} (the module object, {@code training = False}) and {@code version}.
 * The bytes are built in memory: nothing is written to disk.
 */
public final class TorchScriptWriter {

    private static final String FOLDER = "module/";
    private static final Pattern QUALIFIED = Pattern.compile("__torch__(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    /**
     * The file format version: the newest libtorch 2.5 reads. A version below an operator's change would make the
     * loader rewrite calls to that operator with the old semantics (its "upgraders"); the source is written for
     * today's semantics.
     */
    private static final String VERSION = "10";

    private TorchScriptWriter() {
    }

    /**
     * The archive of module class {@code qualifiedClass} (such as {@code __torch__.ambidex.Graph}; its source file
     * is that name's module path) whose whole source is {@code classSource} (a {@code class Graph(Module):} with
     * its attribute declarations and methods, TorchScript's serialized dialect), with {@code constants} as its
     * {@code CONSTANTS} tuple: {@link NdArray} tensors (stored C-contiguous) and {@link ScriptObject}s.
     */
    public static byte[] archive(String qualifiedClass, String classSource, List<Object> constants) {
        if (!QUALIFIED.matcher(qualifiedClass).matches() || qualifiedClass.indexOf('.') == qualifiedClass.lastIndexOf('.')) {
            throw new IllegalArgumentException("module class must be __torch__.<module>.<Class>, got " + qualifiedClass);
        }
        int dot = qualifiedClass.lastIndexOf('.');
        String module = qualifiedClass.substring(0, dot);
        String simpleName = qualifiedClass.substring(dot + 1);
        List<NdArray> storages = new ArrayList<>();
        PickleEmitter constantPickle = new PickleEmitter(
            tensor -> TorchCheckpointWriter.rebuildCall(tensor, storages.size(), storages));
        constantPickle.raw(0x80, 2);
        constantPickle.tuple(constants);
        constantPickle.raw('.');
        byte[] constantBytes = constantPickle.drain();

        PickleEmitter modulePickle = new PickleEmitter(tensor -> {
            throw new IllegalArgumentException("module attributes hold no tensors");
        });
        modulePickle.raw(0x80, 2);
        modulePickle.global(module, simpleName);
        modulePickle.raw(')', 0x81, '}', '(');
        modulePickle.string("training");
        modulePickle.raw(0x89, 'u', 'b', '.');
        byte[] moduleBytes = modulePickle.drain();

        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            AlignedZip zip = new AlignedZip(bytes);
            zip.put(FOLDER + "data.pkl", moduleBytes);
            zip.put(FOLDER + "code/" + module.replace('.', '/') + ".py", classSource.getBytes(StandardCharsets.UTF_8));
            zip.put(FOLDER + "constants.pkl", constantBytes);
            for (int key = 0; key < storages.size(); key++) {
                zip.put(FOLDER + "constants/" + key, storages.get(key).toCOrder().bytes());
            }
            zip.put(FOLDER + "version", (VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
