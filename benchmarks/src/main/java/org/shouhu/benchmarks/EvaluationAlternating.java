package org.shouhu.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * Compares the full evaluation of two builds of the engine in one JVM: each benchmarks jar is loaded in a class
 * loader of its own, each builds its {@link EvaluationWorkload}, and the two take turns in slices of CPU time of the
 * measuring thread, so that the load of a shared machine, which drifts over minutes, falls on both alike. Prints
 * each round's figures and, over all rounds but the first (a warm-up), fixes per second of CPU time of each and
 * their ratio. Not thread-safe; one run at a time.
 *
 * <p>Run: {@code java -Xmx12g -cp benchmarks/target/benchmarks.jar org.shouhu.benchmarks.EvaluationAlternating
 * before.jar after.jar [rounds] [seconds a slice]}
 */
public final class EvaluationAlternating {

    private EvaluationAlternating() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: EvaluationAlternating A.jar B.jar [rounds] [seconds]");
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        double slice = args.length > 3 ? Double.parseDouble(args[3]) : 3;
        Object[] workloads = new Object[2];
        Method[] next = new Method[2];
        for (int k = 0; k < 2; k++) {
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(args[k]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass(EvaluationWorkload.class.getName());
            Constructor<?> constructor = type.getDeclaredConstructor(int.class, int.class);
            constructor.setAccessible(true);
            workloads[k] = constructor.newInstance(100_000, 100_000);
            next[k] = type.getDeclaredMethod("next");
            next[k].setAccessible(true);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] fixes = new long[2];
        long[] cpu = new long[2];
        long[] events = new long[2];
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round);
            for (int k = 0; k < 2; k++) {
                long start = threads.getCurrentThreadCpuTime();
                long budget = (long) (slice * 1e9);
                long count = 0;
                long raised = 0;
                while (threads.getCurrentThreadCpuTime() - start < budget) {
                    for (int i = 0; i < 4096; i++) {
                        raised += ((List<?>) invoke(next[k], workloads[k])).size();
                    }
                    count += 4096;
                }
                long used = threads.getCurrentThreadCpuTime() - start;
                if (round > 0) {
                    fixes[k] += count;
                    cpu[k] += used;
                    events[k] += raised;
                }
                line.append(String.format("  %s %,.0f", k == 0 ? "A" : "B", count / (used / 1e9)));
            }
            System.out.println(line);
        }
        double a = fixes[0] / (cpu[0] / 1e9);
        double b = fixes[1] / (cpu[1] / 1e9);
        System.out.printf("A %,.0f fixes/s of CPU time (%d fixes, %d events)  B %,.0f fixes/s of CPU time (%d fixes, "
                + "%d events)  B/A %.3f%n", a, fixes[0], events[0], b, fixes[1], events[1], b / a);
    }

    private static Object invoke(Method method, Object target) throws IllegalAccessException {
        try {
            return method.invoke(target);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
