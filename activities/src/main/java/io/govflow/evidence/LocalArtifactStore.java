package io.govflow.evidence;

import io.govflow.common.Digests;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** The artifact store on local disk. Writes go to a temporary file moved into place, so a reader never sees half. */
public class LocalArtifactStore implements ArtifactStore {

  private static final String TEMP_PREFIX = ".put-";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path root;

  public LocalArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public EvidenceRef put(String key, String name, byte[] content, String contentType) {
    Path target = resolve(key);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), TEMP_PREFIX, TEMP_SUFFIX);
      Files.write(temp, content);
      try {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write artifact " + target, e);
    }
    return new EvidenceRef(name, target.toUri().toString(), Digests.sha256(content), contentType);
  }

  @Override
  public byte[] get(String location) {
    try {
      return Files.readAllBytes(pathOf(location));
    } catch (NoSuchFileException e) {
      throw new ArtifactNotFoundException(location);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact " + location, e);
    }
  }

  @Override
  public boolean exists(String location) {
    return Files.exists(pathOf(location));
  }

  @Override
  public String locationOf(String key) {
    return resolve(key).toUri().toString();
  }

  /** Files being written (a put's temporary file) are not artifacts yet, so they are not listed. */
  @Override
  public List<String> keysUnder(String folder) {
    Path path = resolve(folder);
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile)
          .filter(file -> !isBeingWritten(file))
          .map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list artifacts under " + path, e);
    }
  }

  /** The key a location was stored under, the inverse of {@link #locationOf}: to rewrite an artifact in place. */
  public String keyOf(String location) {
    return root.relativize(pathOf(location)).toString().replace(File.separatorChar, '/');
  }

  /** The file behind a location, for local activities that need a path (model files, CSV splits). */
  public Path pathOf(String location) {
    Path path = Path.of(java.net.URI.create(location)).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException(location + " is outside the artifact store " + root);
    }
    return path;
  }

  private static boolean isBeingWritten(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
  }

  private Path resolve(String key) {
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("artifact key escapes the store: " + key);
    }
    return path;
  }
}
