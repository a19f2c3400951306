package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * A freshly initialised, never started PostgreSQL data directory kept in the binaries cache, copied to make new
 * clusters. {@code initdb} takes seconds of CPU (it boots the server several times); a copy takes a fraction of a
 * second, which matters because every test JVM and every first demo run needs a new cluster. The template is made
 * once per installation, in a temporary directory renamed into place, so concurrent JVMs never use a partial one.
 * Thread-safe.
 */
final class ClusterTemplate {

    /** Part of the template's name; change it whenever {@link #INITDB_ARGUMENTS} change. */
    private static final String LAYOUT = "template-v1";
    static final List<String> INITDB_ARGUMENTS = List.of("-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale");

    private ClusterTemplate() {
    }

    /** The template for the installation {@code tools} run from, made first if needed. */
    static Path ensure(PostgresBinaries binaries, PostgresTools tools) throws IOException {
        Path template = binaries.home().resolveSibling(binaries.home().getFileName() + "-" + LAYOUT);
        if (Files.exists(template.resolve("PG_VERSION"))) {
            return template;
        }
        Path staging = Files.createTempDirectory(template.getParent(), template.getFileName() + ".making-");
        try {
            Path data = staging.resolve("data");
            Path initLog = staging.resolve("initdb.log");
            List<String> arguments = Stream.concat(Stream.of("-D", data.toString()), INITDB_ARGUMENTS.stream()).toList();
            int exit = tools.run("initdb", arguments, initLog, 180);
            if (exit != 0) {
                throw new PostgresCluster.ClusterException("initdb failed with exit code " + exit + "; its output:\n"
                        + LogTail.of(initLog, 25));
            }
            try {
                Files.move(data, template, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                // Another JVM made it at the same time; both copies are equivalent.
            }
            return template;
        } finally {
            Directories.deleteQuietly(staging);
        }
    }

    /**
     * Copies the template into {@code dataDir}, which must be absent or empty. {@code PG_VERSION} is copied last, so
     * an interrupted copy is never taken for a cluster; on failure the copied files are removed.
     */
    static void copyTo(Path template, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, TxzExtractor.permissions(0700));
        try {
            Files.walkFileTree(template, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(template)) {
                        Files.copy(dir, dataDir.resolve(template.relativize(dir).toString()),
                                StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!file.getFileName().toString().equals("PG_VERSION") || !file.getParent().equals(template)) {
                        Files.copy(file, dataDir.resolve(template.relativize(file).toString()),
                                StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            Files.copy(template.resolve("PG_VERSION"), dataDir.resolve("PG_VERSION"), StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException | RuntimeException e) {
            try (Stream<Path> children = Files.list(dataDir)) {
                for (Path child : children.toList()) {
                    Directories.deleteQuietly(child);
                }
            }
            throw e;
        }
    }
}
