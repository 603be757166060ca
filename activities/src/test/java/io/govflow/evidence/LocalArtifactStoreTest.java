package io.govflow.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {

  @TempDir Path root;

  @Test
  void keysUnderAFolderAreListedAtAnyDepthSortedWithoutItsNeighboursOrWritesInProgress() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    for (String key : List.of("ground-truth/uc-7/2026/03/01/10/b.jsonl", "ground-truth/uc-7/2026/03/01/10/a.jsonl",
        "ground-truth/uc-7/uploads/a.json", "ground-truth/uc-70/2026/03/01/10/c.jsonl")) {
      store.put(key, "ground-truth", "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    }
    Files.createFile(root.resolve("ground-truth/uc-7/2026/03/01/10/.put-123.tmp"));

    assertThat(store.keysUnder("ground-truth/uc-7")).containsExactly("ground-truth/uc-7/2026/03/01/10/a.jsonl",
        "ground-truth/uc-7/2026/03/01/10/b.jsonl", "ground-truth/uc-7/uploads/a.json");
    assertThat(store.keysUnder("ground-truth/uc-7").stream().map(store::locationOf).map(store::get)).hasSize(3);
    assertThat(store.keysUnder("ground-truth/uc-8")).isEmpty();
  }
}
