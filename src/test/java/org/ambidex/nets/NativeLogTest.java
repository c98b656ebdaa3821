package org.ambidex.nets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** TORCH_CPP_LOG_LEVEL is read as PyTorch documents it (names or numbers); anything else leaves ambidex's choice. */
class NativeLogTest {

    @Test
    void levelsParseAsPyTorchDocumentsThem() {
        assertThat(NativeLog.parseLevel("INFO")).isZero();
        assertThat(NativeLog.parseLevel(" warning ")).isEqualTo(1);
        assertThat(NativeLog.parseLevel("2")).isEqualTo(2);
        assertThat(NativeLog.parseLevel("Fatal")).isEqualTo(3);
        assertThat(NativeLog.parseLevel(null)).isEqualTo(-1);
        assertThat(NativeLog.parseLevel("")).isEqualTo(-1);
        assertThat(NativeLog.parseLevel("verbose")).isEqualTo(-1);
        assertThat(NativeLog.parseLevel("4")).isEqualTo(-1);
    }
}
