package org.ambidex.nets.tflite;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real TensorFlow Lite 2.6.2 runtime (Maven Central's {@code libtensorflowlite_jni.so} and Google's Java API
 * classes bundled in DJL's tflite-engine 0.27.0), the reference the interpreter is checked and measured against
 * (MEDIAPIPE.md section 3a). The build copies both jars to {@code target/tflite-reference}, off the test class path;
 * this class loads them in a class loader of their own, whose parent is the platform loader, so that neither DJL
 * nor anything else of the application sees them (the engine jar registers a DJL engine). Called through
 * reflection, since the test sources are compiled without them. Linux x86-64 only.
 */
public final class TfliteRuntime {

    private static final String ENGINE_JAR = "tflite-engine-0.27.0.jar";
    private static final String NATIVE_JAR = "tflite-native-cpu-2.6.2-linux-x86_64.jar";
    private static final String NATIVE_ENTRY = "native/lib/libtensorflowlite_jni.so";

    private final Class<?> interpreterClass;
    private final Class<?> optionsClass;

    private TfliteRuntime(ClassLoader loader) throws ReflectiveOperationException {
        this.interpreterClass = Class.forName("org.tensorflow.lite.Interpreter", true, loader);
        this.optionsClass = Class.forName("org.tensorflow.lite.Interpreter$Options", true, loader);
    }

    /** Where the build puts the two jars: {@code target/tflite-reference} of the repository. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("ambidex.repo.root", ".")).resolve("target/tflite-reference");
    }

    /** Whether this platform can run the reference library (Linux on x86-64). */
    public static boolean platformSupported() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** Loads the runtime from {@code directory} (see {@link #defaultDirectory()}). */
    public static TfliteRuntime load(Path directory) throws IOException, ReflectiveOperationException {
        Path engine = directory.resolve(ENGINE_JAR);
        Path nativeJar = directory.resolve(NATIVE_JAR);
        if (!Files.isRegularFile(engine) || !Files.isRegularFile(nativeJar)) {
            throw new IOException(directory + " lacks " + ENGINE_JAR + " or " + NATIVE_JAR
                + " (the build's tflite-reference step copies them: ./mvnw test-compile)");
        }
        URL ownClasses = NativeLibrary.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader loader = new URLClassLoader("tflite-reference", new URL[] {url(engine), ownClasses},
            ClassLoader.getPlatformClassLoader());
        Path library = extractLibrary(nativeJar);
        Class.forName(NativeLibrary.class.getName(), true, loader).getMethod("load", String.class)
            .invoke(null, library.toString());
        return new TfliteRuntime(loader);
    }

    /**
     * An interpreter of {@code model} for batch 1, with {@code threads} threads and XNNPACK on or off (off:
     * TFLite's builtin kernels).
     */
    public Interpreter open(byte[] model, int threads, boolean xnnpack) throws ReflectiveOperationException {
        Object options = optionsClass.getConstructor().newInstance();
        optionsClass.getMethod("setNumThreads", int.class).invoke(options, threads);
        optionsClass.getMethod("setUseXNNPACK", boolean.class).invoke(options, xnnpack);
        // The Java API reads the model from a direct buffer, which must stay alive as long as the interpreter.
        ByteBuffer buffer = ByteBuffer.allocateDirect(model.length).order(ByteOrder.nativeOrder());
        buffer.put(model).rewind();
        Constructor<?> make = interpreterClass.getConstructor(ByteBuffer.class, optionsClass);
        return new Interpreter(make.newInstance(buffer, options), buffer);
    }

    /** One TFLite interpreter: runs one NHWC float32 image at a time. */
    public final class Interpreter implements AutoCloseable {
        private final Object interpreter;
        @SuppressWarnings("unused") // held so that the model's memory outlives the interpreter
        private final ByteBuffer model;
        private final ByteBuffer input;
        private final List<ByteBuffer> outputs = new ArrayList<>();
        private final Method run;

        private Interpreter(Object interpreter, ByteBuffer model) throws ReflectiveOperationException {
            this.interpreter = interpreter;
            this.model = model;
            Object in = call("getInputTensor", new Class<?>[] {int.class}, 0);
            int inputBytes = (int) in.getClass().getMethod("numBytes").invoke(in);
            this.input = ByteBuffer.allocateDirect(inputBytes).order(ByteOrder.nativeOrder());
            int count = (int) call("getOutputTensorCount", new Class<?>[0]);
            for (int i = 0; i < count; i++) {
                Object t = call("getOutputTensor", new Class<?>[] {int.class}, i);
                int bytes = (int) t.getClass().getMethod("numBytes").invoke(t);
                outputs.add(ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder()));
            }
            this.run = interpreterClass.getMethod("runForMultipleInputsOutputs", Object[].class, Map.class);
        }

        /** The outputs, in the model's order, for one image of {@code nhwc} values starting at {@code offset}. */
        public List<float[]> run(float[] nhwc, int offset) throws ReflectiveOperationException {
            invoke(nhwc, offset);
            List<float[]> result = new ArrayList<>(outputs.size());
            for (ByteBuffer b : outputs) {
                float[] v = new float[b.capacity() / 4];
                b.rewind();
                b.asFloatBuffer().get(v);
                result.add(v);
            }
            return result;
        }

        /** Runs one image without reading the outputs back (for timing). */
        public void invoke(float[] nhwc, int offset) throws ReflectiveOperationException {
            input.rewind();
            input.asFloatBuffer().put(nhwc, offset, input.capacity() / 4);
            Map<Integer, Object> out = new HashMap<>();
            for (int i = 0; i < outputs.size(); i++) {
                outputs.get(i).rewind();
                out.put(i, outputs.get(i));
            }
            try {
                run.invoke(interpreter, new Object[] {input}, out);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("TFLite failed: " + e.getCause(), e.getCause());
            }
        }

        /** The number of floats of one input image. */
        public int inputSize() {
            return input.capacity() / 4;
        }

        private Object call(String name, Class<?>[] types, Object... args) throws ReflectiveOperationException {
            return interpreterClass.getMethod(name, types).invoke(interpreter, args);
        }

        @Override
        public void close() {
            try {
                interpreterClass.getMethod("close").invoke(interpreter);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static URL url(Path p) {
        try {
            return p.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Path extractLibrary(Path nativeJar) throws IOException {
        Path dir = Files.createTempDirectory("tflite-reference");
        Path library = dir.resolve("libtensorflowlite_jni.so");
        try (ZipFile zip = new ZipFile(nativeJar.toFile())) {
            ZipEntry entry = zip.getEntry(NATIVE_ENTRY);
            if (entry == null) {
                throw new IOException(nativeJar + " lacks " + NATIVE_ENTRY);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        library.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return library;
    }
}
