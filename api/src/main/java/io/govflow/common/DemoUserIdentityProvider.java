package io.govflow.common;

import io.govflow.common.GovflowConfig.Security.DemoUser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Map;

/**
 * HTTP Basic against the demo users of {@code govflow.security.demo-users}. Passwords are compared as SHA-256 digests
 * with {@link MessageDigest#isEqual}, so the time taken tells neither how much of a password matched nor its length;
 * an unknown user is compared against a dummy for the same reason.
 */
@ApplicationScoped
public class DemoUserIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

  private static final byte[] NO_USER_DIGEST = sha256("no such user".toCharArray());

  private final Map<String, DemoUser> users;

  DemoUserIdentityProvider(GovflowConfig config) {
    this.users = config.security().demoUsers();
  }

  @Override
  public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
    return UsernamePasswordAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
      AuthenticationRequestContext context) {
    DemoUser user = users.get(request.getUsername());
    byte[] expected = user == null ? NO_USER_DIGEST : sha256(user.password().toCharArray());
    boolean matches = MessageDigest.isEqual(expected, sha256(request.getPassword().getPassword()));
    if (user == null || !matches) {
      return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
    }
    return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(request.getUsername()))
        .addRoles(new HashSet<>(user.roles()))
        .addCredential(request.getPassword())
        .build());
  }

  private static byte[] sha256(char[] password) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
