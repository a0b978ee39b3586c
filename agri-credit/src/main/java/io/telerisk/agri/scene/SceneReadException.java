package io.telerisk.agri.scene;

import java.nio.file.Path;

/** A scene or band that cannot be used, with a machine-readable reason and a human-readable detail. */
public final class SceneReadException extends RuntimeException {
    /** Why a scene was refused. */
    public enum Reason {
        /** The file is not a TIFF, or its structure is inconsistent. */
        CORRUPT,
        /** The file ends before the data its header points to. */
        TRUNCATED,
        /** A valid TIFF using a feature this reader does not support (JPEG, floats, several bands...). */
        UNSUPPORTED,
        /** Missing or unexpected coordinate reference system. */
        WRONG_CRS,
        /** The bands of one scene do not share a grid. */
        GRID_MISMATCH,
        /** The file cannot be read at all. */
        IO,
        /**
         * The pixels contradict the radiometric offset applied (many negative reflectances): the product's processing
         * baseline must be stated.
         */
        IMPLAUSIBLE_REFLECTANCE
    }

    private final Reason reason;

    public SceneReadException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public SceneReadException(Reason reason, Path file, String detail, Throwable cause) {
        super(reason + ": " + file + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
