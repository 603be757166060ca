package io.govflow.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govflow.testing.ServiceModelStub.Call;
import io.govflow.testing.ServiceModelStub.Reply;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.datazone.DataZoneClient;

/**
 * One DataZone domain behind {@link ServiceModelStub} on botocore's DataZone model: every request is checked
 * against the model, and the operations govflow calls keep state as far as govflow relies on it. What the model does
 * not say is assumed here, after DataZone's documentation: a project name is unique in its domain and an asset's
 * external identifier is unique (both ConflictException); a repeated CreateAsset client token returns the first
 * answer; ListProjects' name filter may return more than the exact name (a prefix match here); Search sees an asset
 * as soon as it is created, unless a test says otherwise with {@link ServiceModelStub#answerNext}.
 */
public final class FakeDataZone implements AutoCloseable {

  public static final String DOMAIN_ID = "dzd_govflowtest";
  private static final String CALLER = "usr-worker";

  private final ServiceModelStub stub;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, ObjectNode> projects = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> assets = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> assetsByToken = new ConcurrentHashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  private FakeDataZone(ServiceModelStub stub) {
    this.stub = stub;
    stub.on("CreateProject", this::createProject);
    stub.on("ListProjects", this::listProjects);
    stub.on("GetProject", this::getProject);
    stub.on("CreateProjectMembership", this::createProjectMembership);
    stub.on("CreateAsset", this::createAsset);
    stub.on("Search", this::search);
  }

  /** An empty domain on a stub of the pinned botocore's DataZone model (fetched on first use). */
  public static FakeDataZone start() {
    return new FakeDataZone(ServiceModelStub.start(BotocoreModels.load("datazone")));
  }

  public URI endpoint() {
    return stub.endpoint();
  }

  public ServiceModelStub stub() {
    return stub;
  }

  /** A client on the fake, as the worker builds it for a DataZone endpoint override. */
  public DataZoneClient client() {
    return DataZoneClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
  }

  /** A project made outside govflow; returns its id. */
  public String addProject(String name) {
    ObjectNode project = project(name, null);
    return project.get("id").asText();
  }

  public List<JsonNode> projects() {
    return List.copyOf(projects.values());
  }

  public List<JsonNode> assets() {
    return List.copyOf(assets.values());
  }

  /** Users made owners, by project id and user. */
  public Map<String, String> owners() {
    return Map.copyOf(owners);
  }

  /** Forgets every project, asset and call. */
  public void reset() {
    projects.clear();
    assets.clear();
    assetsByToken.clear();
    owners.clear();
    stub.reset();
  }

  @Override
  public void close() {
    stub.close();
  }

  private Reply createProject(Call call) {
    Reply wrongDomain = wrongDomain(call);
    if (wrongDomain != null) {
      return wrongDomain;
    }
    String name = call.text("name");
    if (projects.values().stream().anyMatch(p -> p.get("name").asText().equals(name))) {
      return Reply.error("ConflictException", "A project with name " + name + " already exists in the domain");
    }
    ObjectNode project = project(name, call.text("description"));
    if (call.input().has("projectProfileId")) {
      project.put("projectProfileId", call.text("projectProfileId"));
    }
    return Reply.ok(project);
  }

  private Reply listProjects(Call call) {
    Reply wrongDomain = wrongDomain(call);
    if (wrongDomain != null) {
      return wrongDomain;
    }
    // DataZone's name filter is not documented as exact: a prefix match keeps the caller honest.
    String name = call.text("name");
    ArrayNode items = json.createArrayNode();
    projects.values().stream().filter(p -> name == null || p.get("name").asText().startsWith(name))
        .forEach(p -> items.add(summary(p)));
    ObjectNode output = json.createObjectNode();
    output.set("items", items);
    return Reply.ok(output);
  }

  private Reply getProject(Call call) {
    Reply wrongDomain = wrongDomain(call);
    if (wrongDomain != null) {
      return wrongDomain;
    }
    ObjectNode project = projects.get(call.text("identifier"));
    return project == null ? Reply.error("ResourceNotFoundException", "no project " + call.text("identifier"))
        : Reply.ok(project);
  }

  private Reply createProjectMembership(Call call) {
    Reply wrongDomain = wrongDomain(call);
    if (wrongDomain != null) {
      return wrongDomain;
    }
    String projectId = call.text("projectIdentifier");
    if (!projects.containsKey(projectId)) {
      return Reply.error("ResourceNotFoundException", "no project " + projectId);
    }
    String user = call.input().path("member").path("userIdentifier").asText();
    if (owners.putIfAbsent(projectId + "/" + user, call.text("designation")) != null) {
      return Reply.error("ConflictException", user + " is already a member of project " + projectId);
    }
    return Reply.ok(json.createObjectNode());
  }

  private Reply createAsset(Call call) {
    Reply wrongDomain = wrongDomain(call);
    if (wrongDomain != null) {
      return wrongDomain;
    }
    String token = call.text("clientToken");
    if (token != null && assetsByToken.containsKey(token)) {
      return Reply.ok(assetsByToken.get(token));
    }
    String owner = call.text("owningProjectIdentifier");
    if (!projects.containsKey(owner)) {
      return Reply.error("ResourceNotFoundException", "no project " + owner);
    }
    String external = call.text("externalIdentifier");
    if (external != null && assets.values().stream().anyMatch(a -> external.equals(a.path("externalIdentifier")
        .asText(null)))) {
      return Reply.error("ConflictException", "an asset with external identifier " + external + " exists");
    }
    ObjectNode asset = json.createObjectNode();
    asset.put("id", "ast" + ids.incrementAndGet());
    asset.put("domainId", DOMAIN_ID);
    asset.put("name", call.text("name"));
    asset.put("owningProjectId", owner);
    asset.put("typeIdentifier", call.text("typeIdentifier"));
    asset.put("typeRevision", "1");
    asset.put("revision", "1");
    if (external != null) {
      asset.put("externalIdentifier", external);
    }
    ArrayNode forms = asset.putArray("formsOutput");
    for (JsonNode form : call.input().path("formsInput")) {
      ObjectNode output = forms.addObject();
      output.put("formName", form.path("formName").asText());
      output.put("typeName", form.path("typeIdentifier").asText());
      output.put("content", form.path("content").asText());
    }
    assets.put(asset.get("id").asText(), asset);
    if (token != null) {
      assetsByToken.put(token, asset);
    }
    return Reply.ok(asset);
  }

  private Reply search(Call call) {
    Reply wrongDomain = wrongDomain(call);
    if (wrongDomain != null) {
      return wrongDomain;
    }
    String owner = call.text("owningProjectIdentifier");
    String text = call.text("searchText");
    ArrayNode items = json.createArrayNode();
    if ("ASSET".equals(call.text("searchScope"))) {
      assets.values().stream()
          .filter(a -> owner == null || owner.equals(a.get("owningProjectId").asText()))
          .filter(a -> text == null || a.get("name").asText().contains(text))
          .forEach(a -> items.addObject().set("assetItem", assetItem(a)));
    }
    ObjectNode output = json.createObjectNode();
    output.set("items", items);
    return Reply.ok(output);
  }

  private Reply wrongDomain(Call call) {
    String domain = call.text("domainIdentifier");
    return DOMAIN_ID.equals(domain) ? null : Reply.error("ResourceNotFoundException", "no domain " + domain);
  }

  private ObjectNode project(String name, String description) {
    ObjectNode project = json.createObjectNode();
    project.put("id", "prj" + ids.incrementAndGet());
    project.put("domainId", DOMAIN_ID);
    project.put("name", name);
    project.put("createdBy", CALLER);
    project.put("projectStatus", "ACTIVE");
    if (description != null) {
      project.put("description", description);
    }
    projects.put(project.get("id").asText(), project);
    return project;
  }

  private ObjectNode summary(ObjectNode project) {
    ObjectNode summary = json.createObjectNode();
    for (String member : List.of("id", "domainId", "name", "createdBy", "projectStatus", "description")) {
      if (project.has(member)) {
        summary.set(member, project.get(member));
      }
    }
    return summary;
  }

  private ObjectNode assetItem(ObjectNode asset) {
    ObjectNode item = json.createObjectNode();
    item.put("identifier", asset.get("id").asText());
    for (String member : List.of("domainId", "name", "owningProjectId", "typeIdentifier", "typeRevision",
        "externalIdentifier")) {
      if (asset.has(member)) {
        item.set(member, asset.get(member));
      }
    }
    return item;
  }
}
