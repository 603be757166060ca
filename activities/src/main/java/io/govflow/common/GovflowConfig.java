package io.govflow.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All govflow settings of a process; the defaults are the embedded setup (local provider, dev server, H2). */
@ConfigMapping(prefix = "govflow")
public interface GovflowConfig {

  /** Which back end runs steps 3–8. */
  @WithDefault("local")
  Provider provider();

  Temporal temporal();

  Artifacts artifacts();

  Gates gates();

  Local local();

  Policies policies();

  Security security();

  enum Provider {
    /** Everything on this machine: Tribuo training, in-process metrics, artifacts on local disk. */
    LOCAL
  }

  interface Temporal {
    @WithDefault("localhost:7233")
    String target();

    @WithDefault("default")
    String namespace();

    @WithDefault("govflow")
    String taskQueue();
  }

  interface Artifacts {
    /** Folder of the local artifact store: evidence documents, model files, model cards, the local registry. */
    @WithDefault(".govflow/artifacts")
    String root();
  }

  interface Gates {
    /** A gate still open after this long raises a reminder. */
    @WithDefault("P2D")
    Duration remindAfter();

    /** A gate still open after this long is escalated, and again every such period. */
    @WithDefault("P5D")
    Duration escalateAfter();
  }

  interface Local {
    /** Relative dataset locations of use cases resolve against this folder (the worker's working directory). */
    @WithDefault(".")
    String dataRoot();

    Endpoints endpoints();

    /** The worker's embedded HTTP server answering the local model endpoints (test and production). */
    interface Endpoints {
      /** 127.0.0.1 keeps the endpoints to this machine; 0.0.0.0 serves every interface (in a container). */
      @WithDefault("127.0.0.1")
      String host();

      /** 0 picks a free port (tests). */
      @WithDefault("8082")
      int port();
    }
  }

  interface Policies {
    /** A folder whose <tier>.json documents replace the shipped policies of those tiers, without a rebuild. */
    Optional<Path> folder();
  }

  interface Security {
    /**
     * Users of the embedded setup for HTTP Basic, by user name (API only). Production uses OpenID Connect and
     * leaves this empty.
     */
    Map<String, DemoUser> demoUsers();

    interface DemoUser {
      String password();

      /** Any of product-owner, governance, operator, auditor. */
      List<String> roles();
    }
  }
}
