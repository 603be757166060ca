package io.govflow.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

  Monitoring monitoring();

  Review review();

  Local local();

  Policies policies();

  Security security();

  /** Settings of the aws provider; none is needed, nor read, while the provider is local. */
  Aws aws();

  enum Provider {
    /** Everything on this machine: Tribuo training, in-process metrics, artifacts on local disk. */
    LOCAL,
    /** SageMaker, DataZone and S3 through the AWS SDK, in the account of the worker's credentials. */
    AWS
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

  /** Step 13, pinned per case when it starts: how often each risk tier is checked, and each severity's SLA. */
  interface Monitoring {
    Interval interval();

    FindingSla findingSla();

    interface Interval {
      @WithDefault("PT1H")
      Duration low();

      @WithDefault("PT1H")
      Duration medium();

      @WithDefault("PT1H")
      Duration high();
    }

    /** A finding unresolved this long after it was raised is escalated, and again every such period. */
    interface FindingSla {
      @WithDefault("P30D")
      Duration low();

      @WithDefault("P14D")
      Duration medium();

      @WithDefault("P3D")
      Duration high();
    }
  }

  /** Step 14, pinned per case when it starts: how often each risk tier's production model must be reviewed. */
  interface Review {
    Period period();

    interface Period {
      @WithDefault("P1095D")
      Duration low();

      @WithDefault("P730D")
      Duration medium();

      @WithDefault("P365D")
      Duration high();
    }
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

  /**
   * Optional members are required once the provider is aws; the worker names a missing one at start-up. Credentials
   * come from the SDK's default chain (environment, profile, container or instance role), optionally exchanged for
   * {@code roleArn} through STS.
   */
  interface Aws {
    /** Region of SageMaker, DataZone and S3, such as {@code eu-west-1}. */
    Optional<String> region();

    /** One endpoint for SageMaker, S3 and STS instead of AWS's own: an emulator such as moto. */
    Optional<URI> endpointOverride();

    /** S3 requests as {@code endpoint/bucket/key}, for emulators whose bucket host names do not resolve. */
    @WithDefault("false")
    boolean pathStyleAccess();

    /** A role to assume (for example in the account that holds SageMaker) instead of using the chain's identity. */
    Optional<String> roleArn();

    @WithDefault("govflow")
    String roleSessionName();

    /** The bucket of artifacts and evidence; SageMaker jobs read their input from it and write their output to it. */
    Optional<String> bucket();

    /** Key prefix of everything govflow writes in the bucket. */
    @WithDefault("govflow/")
    String prefix();

    /** The role SageMaker assumes to run training and processing jobs and to serve endpoints. */
    Optional<String> executionRoleArn();

    DataZone datazone();

    Training training();

    Processing processing();

    Hosting hosting();

    interface DataZone {
      /** The domain ({@code dzd_...}) that holds the use cases' projects. */
      Optional<String> domainId();

      /** DataZone's own endpoint override; it has no emulator, so tests point it at a stub of its API model. */
      Optional<URI> endpointOverride();

      /** The project profile new projects use; SageMaker Unified Studio domains require one. */
      Optional<String> projectProfileId();

      /** The domain unit new projects belong to; unset, the domain's root unit. */
      Optional<String> domainUnitId();

      /**
       * Users (IAM ARNs or IAM Identity Center user ids) made owners of every project, beside the worker's identity
       * that creates it.
       */
      Optional<List<String>> projectOwners();
    }

    interface Training {
      /** The training image; unset, SageMaker's built-in XGBoost 1.7-1, published for us-east-1 only here. */
      Optional<String> image();

      /**
       * The image serving govflow's feature encoder in front of the model (SageMaker's scikit-learn container); unset,
       * scikit-learn 1.2-1 in us-east-1.
       */
      Optional<String> encoderImage();

      @WithDefault("ml.m5.xlarge")
      String instanceType();

      @WithDefault("1")
      int instanceCount();

      @WithDefault("30")
      int volumeSizeGb();

      @WithDefault("PT8H")
      Duration maxRuntime();

      /** How often the waiting activity describes a running job (and heartbeats). */
      @WithDefault("PT30S")
      Duration pollInterval();

      /** Unset, XGBoost's binary classification settings. */
      Map<String, String> hyperParameters();
    }

    /** Processing jobs: Clarify's data and model evaluation, Model Monitor's baselines; batch transform. */
    interface Processing {
      @WithDefault("ml.m5.xlarge")
      String instanceType();

      @WithDefault("1")
      int instanceCount();

      /** SageMaker Clarify's image of the region; required outside us-east-1. */
      Optional<String> clarifyImage();

      @WithDefault("PT1H")
      Duration maxRuntime();

      /** How often a waiting activity describes its job; well within the heartbeat timeout (1 minute). */
      @WithDefault("PT30S")
      Duration pollInterval();
    }

    /** Test and production endpoints. */
    interface Hosting {
      @WithDefault("ml.m5.large")
      String instanceType();

      @WithDefault("1")
      int instanceCount();
    }
  }
}
