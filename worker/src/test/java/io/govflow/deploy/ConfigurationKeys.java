package io.govflow.deploy;

import io.govflow.common.GovflowConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables the two applications read: their configuration keys under Quarkus' naming rule
 * (every character but letters and digits becomes {@code _}, then upper case), and the variables their
 * application.properties name in {@code ${...}} expressions.
 */
final class ConfigurationKeys {

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");
  private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
  /** Quarkus' own variable for the active profile; it is no configuration key of either application. */
  private static final String PROFILE_VARIABLE = "QUARKUS_PROFILE";

  private final List<Pattern> variables;

  private ConfigurationKeys(List<Pattern> variables) {
    this.variables = List.copyOf(variables);
  }

  /** From api's and worker's application.properties and from the {@link GovflowConfig} mapping. */
  static ConfigurationKeys ofApplications() {
    List<Pattern> variables = new ArrayList<>();
    variables.add(Pattern.compile(Pattern.quote(PROFILE_VARIABLE)));
    for (String module : List.of("api", "worker")) {
      Properties properties = applicationProperties(module);
      for (String key : properties.stringPropertyNames()) {
        variables.add(Pattern.compile(Pattern.quote(environmentName(PROFILE.matcher(key).replaceFirst("")))));
        Matcher expression = EXPRESSION.matcher(properties.getProperty(key));
        while (expression.find()) {
          variables.add(Pattern.compile(Pattern.quote(expression.group(1))));
        }
      }
    }
    mappingKeys("govflow", GovflowConfig.class, variables);
    return new ConfigurationKeys(variables);
  }

  boolean isRead(String variable) {
    return variables.stream().anyMatch(pattern -> pattern.matcher(variable).matches());
  }

  /** Quarkus' rule for the environment variable of a configuration key. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** The keys of a @ConfigMapping interface: kebab-case method names, a map's keys as any name. */
  private static void mappingKeys(String prefix, Class<?> mapping, List<Pattern> variables) {
    for (Method method : mapping.getDeclaredMethods()) {
      if (method.isDefault() || method.isSynthetic() || method.getParameterCount() > 0) {
        continue;
      }
      String key = prefix + "." + kebabCase(method.getName());
      Type type = method.getGenericReturnType();
      if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
        Type value = generic.getActualTypeArguments()[1];
        if (value instanceof Class<?> group && group.isInterface()) {
          mappingKeys(key + ".*", group, variables);
        } else {
          variables.add(keyPattern(key + ".*"));
        }
      } else if (type instanceof Class<?> group && group.isInterface()) {
        mappingKeys(key, group, variables);
      } else {
        variables.add(keyPattern(key));
      }
    }
  }

  private static Pattern keyPattern(String key) {
    StringBuilder pattern = new StringBuilder();
    String[] parts = key.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        pattern.append("[A-Z0-9_]+");
      }
      pattern.append(Pattern.quote(environmentName(parts[i])));
    }
    return Pattern.compile(pattern.toString());
  }

  private static String kebabCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static Properties applicationProperties(String module) {
    Path file = DeployFiles.REPO.resolve(module).resolve("src/main/resources/application.properties");
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return properties;
  }
}
