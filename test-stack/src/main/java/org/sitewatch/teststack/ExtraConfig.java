package org.sitewatch.teststack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.sitewatch.infra.LibertyServer;
import org.sitewatch.infra.SupervisedStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --extra-config FILE}: a Liberty configuration fragment copied into both servers' {@code
 * configDropins/overrides} for this run (the build adds test-only features this way) and removed
 * once they have stopped.
 */
final class ExtraConfig {

  private static final Logger LOG = LoggerFactory.getLogger(ExtraConfig.class);
  private static final String NAME = "zz-sitewatch-localstack-extra.xml";

  private final Path file;
  private final Path wlp;
  private final List<Path> installed = new ArrayList<>();

  ExtraConfig(Path file, Path wlp) {
    this.file = file;
    this.wlp = wlp;
  }

  void checkExists() {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("--extra-config " + file + " not found");
    }
  }

  synchronized void install() throws IOException {
    for (String name : List.of(SupervisedStack.CHECKER, SupervisedStack.PERSISTER)) {
      Path overrides =
          LibertyServer.serverDir(wlp, System.getenv(), name)
              .resolve("configDropins")
              .resolve("overrides");
      Files.createDirectories(overrides);
      Path target = overrides.resolve(NAME);
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
      installed.add(target);
      LOG.info("Added {} to {} for this run", file.getFileName(), name);
    }
  }

  synchronized void remove() {
    for (Path p : installed) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        LOG.warn("Cannot remove {}: {}", p, e.getMessage());
      }
    }
  }
}
