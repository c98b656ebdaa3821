/**
 * The {@code ambidex} command line: one picocli command class per sub-command, and {@code Main}.
 */
package org.ambidex.cli;
