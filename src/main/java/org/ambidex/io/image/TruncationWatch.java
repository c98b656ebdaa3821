package org.ambidex.io.image;

import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import org.ambidex.core.BadInputException;

/**
 * Listens to a decoder's warnings for the one that means the image data ended early. A JPEG cut short decodes
 * without an exception: the decoder warns, fills the missing rows with grey and returns the image, and a network
 * would find hands in it. Other warnings (extraneous bytes before a marker, which many cameras write) leave the
 * image whole and are ignored.
 */
final class TruncationWatch implements IIOReadWarningListener {

    private String truncation;

    @Override
    public void warningOccurred(ImageReader source, String warning) {
        String text = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
        if (truncation == null && (text.contains("premature end") || text.contains("truncat")
            || text.contains("end of file") || text.contains("eof"))) {
            truncation = warning.strip();
        }
    }

    /** Refuses the image when the decoder said its data ended early. */
    void refuseIfTruncated(Path path) {
        if (truncation != null) {
            throw new BadInputException(path, "the image data ends early (a truncated file; the decoder says '"
                + truncation + "'); expected a whole image");
        }
    }
}
