package io.govflow.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Python tools the tests install from PyPI into {@code <repo root>/.tools/venv} on first use (moto, botocore's
 * service models), so that a clean checkout needs nothing beyond python3 and the registry.
 */
final class PythonTools {

  private PythonTools() {}

  static Path venv() {
    return ServerProcess.repoRoot().resolve(".tools/venv");
  }

  /** The virtual environment's pip, creating the environment if it does not exist. */
  static Path pip() {
    Path venv = venv();
    Path pip = venv.resolve("bin/pip");
    if (!Files.isExecutable(pip)) {
      ServerProcess.runToCompletion(venv.getParent(), "python3", "-m", "venv", venv.toString());
    }
    return pip;
  }
}
