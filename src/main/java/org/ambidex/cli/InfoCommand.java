package org.ambidex.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Utils;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ambidex.core.BuildInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ambidex info}: the machine, the Java runtime and the deep-learning engine as ambidex sees them.
 * Loading the engine here proves that PyTorch comes up offline from the bundled native library.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Show Java, OS, cores, the PyTorch engine and its device, threads and cache folder.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> rows = new LinkedHashMap<>();
        BuildInfo build = BuildInfo.current();
        rows.put("ambidex", build.describe());
        rows.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
            + System.getProperty("java.vm.name") + ")");
        rows.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
            + System.getProperty("os.arch") + ")");
        Runtime runtime = Runtime.getRuntime();
        rows.put("cores", Integer.toString(runtime.availableProcessors()));
        rows.put("max heap", String.format(Locale.ROOT, "%.1f GiB", runtime.maxMemory() / (double) (1L << 30)));

        Engine engine = Engine.getEngine("PyTorch");
        Device device = engine.defaultDevice();
        rows.put("engine", engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion()
            + ", native flavour " + build.pytorchFlavor() + ")");
        rows.put("device", device.isGpu() ? "GPU " + device.getDeviceId() : "CPU");
        rows.put("gpus", Integer.toString(engine.getGpuCount()));
        rows.put("threads", "intra-op " + JniUtils.getNumThreads() + ", inter-op " + JniUtils.getNumInteropThreads());
        rows.put("offline", Boolean.toString(Utils.isOfflineMode()));
        rows.put("cache folder", Utils.getEngineCacheDir().toString());

        PrintWriter out = spec.commandLine().getOut();
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        rows.forEach((k, v) -> out.printf(Locale.ROOT, "%-" + width + "s  %s%n", k, v));
        out.flush();
        return 0;
    }
}
