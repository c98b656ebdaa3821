package org.ambidex.nets.tflite;

/**
 * Loads a JNI library for the class loader that defines this class. {@link TfliteRuntime} has its isolated class
 * loader define its own copy, so that TFLite's native methods, defined by that loader, bind to the library.
 */
public final class NativeLibrary {

    private NativeLibrary() {
    }

    /** {@code System.load(path)} on behalf of this class's loader. */
    public static void load(String path) {
        System.load(path);
    }
}
