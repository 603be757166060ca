package io.govflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract checks of {@link ServiceModel}, on a small model in botocore's format. */
class ServiceModelTest {

  private static final String MODEL = """
      {"operations": {
        "CreateThing": {"name": "CreateThing", "http": {"method": "POST", "requestUri": "/v1/domains/{domainId}/things",
          "responseCode": 201}, "input": {"shape": "CreateThingInput"}, "output": {"shape": "CreateThingOutput"},
          "errors": [{"shape": "ConflictException"}]},
        "GetThing": {"name": "GetThing", "http": {"method": "GET", "requestUri": "/v1/domains/{domainId}/things/{id}"},
          "input": {"shape": "GetThingInput"}, "output": {"shape": "CreateThingOutput"}},
        "GetLatestThing": {"name": "GetLatestThing",
          "http": {"method": "GET", "requestUri": "/v1/domains/{domainId}/things/latest"},
          "input": {"shape": "ListThingsInput"}, "output": {"shape": "CreateThingOutput"}},
        "ListThings": {"name": "ListThings", "http": {"method": "GET", "requestUri": "/v1/domains/{domainId}/things"},
          "input": {"shape": "ListThingsInput"}, "output": {"shape": "ListThingsOutput"}}
      },
      "shapes": {
        "CreateThingInput": {"type": "structure", "required": ["domainId", "name"], "members": {
          "domainId": {"shape": "DomainId", "location": "uri", "locationName": "domainId"},
          "name": {"shape": "ThingName"}, "kind": {"shape": "Kind"}, "size": {"shape": "Size"},
          "tags": {"shape": "Tags"}, "owner": {"shape": "Owner"}}},
        "GetThingInput": {"type": "structure", "required": ["domainId", "id"], "members": {
          "domainId": {"shape": "DomainId", "location": "uri", "locationName": "domainId"},
          "id": {"shape": "ThingId", "location": "uri", "locationName": "id"}}},
        "ListThingsInput": {"type": "structure", "required": ["domainId"], "members": {
          "domainId": {"shape": "DomainId", "location": "uri", "locationName": "domainId"},
          "maxResults": {"shape": "Size", "location": "querystring", "locationName": "maxResults"}}},
        "CreateThingOutput": {"type": "structure", "required": ["id", "createdAt", "kind"], "members": {
          "id": {"shape": "ThingId"}, "createdAt": {"shape": "Iso"}, "kind": {"shape": "Kind"},
          "name": {"shape": "ThingName"}}},
        "ListThingsOutput": {"type": "structure", "members": {"items": {"shape": "Things"}}},
        "Things": {"type": "list", "member": {"shape": "CreateThingOutput"}},
        "DomainId": {"type": "string", "pattern": "^dzd[-_][a-zA-Z0-9_-]{1,36}$"},
        "ThingId": {"type": "string", "pattern": "^[a-zA-Z0-9_-]{1,36}$"},
        "ThingName": {"type": "string", "min": 1, "max": 8, "pattern": "^[\\\\w -]+$"},
        "Kind": {"type": "string", "enum": ["MODEL", "DATASET"]},
        "Size": {"type": "integer", "min": 1, "max": 10},
        "Tags": {"type": "list", "member": {"shape": "ThingName"}, "max": 2},
        "Owner": {"type": "structure", "union": true, "members": {"user": {"shape": "ThingName"},
          "group": {"shape": "ThingName"}}},
        "Iso": {"type": "timestamp", "timestampFormat": "iso8601"},
        "ConflictException": {"type": "structure", "members": {"message": {"shape": "ThingName"}},
          "error": {"httpStatusCode": 409}, "exception": true}
      }}
      """;

  private final ObjectMapper json = new ObjectMapper();
  private final ServiceModel model;

  ServiceModelTest() throws Exception {
    model = new ServiceModel(json.readTree(MODEL));
  }

  @Test
  void requestIsTheOperationWhoseMethodAndUriTemplateFit() {
    assertThat(model.match("POST", "/v1/domains/dzd_1/things"))
        .contains(new ServiceModel.Match("CreateThing", Map.of("domainId", "dzd_1")));
    assertThat(model.match("GET", "/v1/domains/dzd_1/things/t%2D7"))
        .contains(new ServiceModel.Match("GetThing", Map.of("domainId", "dzd_1", "id", "t-7")));
    assertThat(model.match("DELETE", "/v1/domains/dzd_1/things")).isEmpty();
    assertThat(model.match("GET", "/v1/domains/dzd_1/things/t-7/extra")).isEmpty();
  }

  @Test
  void literalSegmentWinsOverALabel() {
    assertThat(model.match("GET", "/v1/domains/dzd_1/things/latest")).get()
        .extracting(ServiceModel.Match::operation).isEqualTo("GetLatestThing");
  }

  @Test
  void requestThatFitsTheInputShapeHasNoViolations() throws Exception {
    assertThat(create("""
        {"name": "credit", "kind": "MODEL", "size": 3, "tags": ["a"], "owner": {"user": "po1"}}""")).isEmpty();
  }

  @Test
  void missingRequiredMemberIsAViolation() throws Exception {
    assertThat(create("{\"kind\": \"MODEL\"}")).containsExactly("CreateThingInput.name is required but missing");
    assertThat(model.checkInput("CreateThing", Map.of(), Map.of(), Map.of(), json.readTree("{\"name\": \"x\"}")))
        .containsExactly("CreateThingInput.domainId is required but missing");
  }

  @Test
  void stringsOutsideTheirLengthPatternOrEnumAreViolations() throws Exception {
    assertThat(create("{\"name\": \"much-too-long\"}")).singleElement().asString()
        .contains("CreateThingInput.name has 13 characters, more than the maximum 8");
    assertThat(create("{\"name\": \"a/b\"}")).singleElement().asString()
        .contains("'a/b' does not match ^[\\w -]+$");
    assertThat(create("{\"name\": \"x\", \"kind\": \"FEATURE\"}")).singleElement().asString()
        .contains("must be one of [\"MODEL\",\"DATASET\"], not 'FEATURE'");
    assertThat(model.checkInput("CreateThing", Map.of("domainId", "domain-1"), Map.of(), Map.of(),
        json.readTree("{\"name\": \"x\"}"))).singleElement().asString().contains("does not match ^dzd");
  }

  @Test
  void numbersListsAndUnionsAreCheckedByTheirShapes() throws Exception {
    assertThat(create("{\"name\": \"x\", \"size\": 11}")).singleElement().asString()
        .contains("more than the maximum 10");
    assertThat(create("{\"name\": \"x\", \"size\": \"3\"}")).singleElement().asString()
        .contains("must be an integer");
    assertThat(create("{\"name\": \"x\", \"tags\": [\"a\", \"b\", \"c\"]}")).singleElement().asString()
        .contains("has 3 items, more than the maximum 2");
    assertThat(create("{\"name\": \"x\", \"owner\": {\"user\": \"a\", \"group\": \"b\"}}")).singleElement()
        .asString().contains("is a union: exactly one member must be set, not 2");
    assertThat(model.checkInput("ListThings", Map.of("domainId", "dzd_1"), Map.of("maxResults", List.of("many")),
        Map.of(), null)).containsExactly("ListThingsInput.maxResults must hold type integer, not 'many'");
  }

  @Test
  void memberTheShapeDoesNotHaveIsAViolation() throws Exception {
    assertThat(create("{\"name\": \"x\", \"colour\": \"red\"}"))
        .containsExactly("CreateThingInput has no body member colour");
    assertThat(create("{\"name\": \"x\", \"owner\": {\"team\": \"a\"}}")).contains(
        "CreateThingInput.owner (Owner) has no member team");
  }

  @Test
  void smallestOutputHoldsTheRequiredMembersAtFittingValues() {
    JsonNode output = model.minimalOutput("CreateThing");

    assertThat(output.path("id").asText()).isEqualTo("stub");
    assertThat(output.path("kind").asText()).isEqualTo("MODEL");
    assertThat(output.path("createdAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
    assertThat(output.has("name")).isFalse();
    assertThat(model.checkOutput("CreateThing", output)).isEmpty();
    assertThat(model.checkOutput("CreateThing", json.createObjectNode().put("id", "x"))).hasSize(2);
  }

  @Test
  void operationMayAnswerOnlyTheErrorsItDeclares() {
    assertThat(model.declaresError("CreateThing", "ConflictException")).isTrue();
    assertThat(model.declaresError("GetThing", "ConflictException")).isFalse();
    assertThat(model.errorStatus("ConflictException")).isEqualTo(409);
    assertThat(model.responseCode("CreateThing")).isEqualTo(201);
    assertThat(model.responseCode("GetThing")).isEqualTo(200);
  }

  private List<String> create(String body) throws Exception {
    return model.checkInput("CreateThing", Map.of("domainId", "dzd_1"), Map.of(), Map.of(), json.readTree(body));
  }
}
