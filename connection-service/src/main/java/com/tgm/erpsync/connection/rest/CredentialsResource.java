package com.tgm.erpsync.connection.rest;

import com.tgm.erpsync.connection.audit.AuditAction;
import com.tgm.erpsync.connection.service.CredentialRotation;
import com.tgm.erpsync.connection.vault.KeyRing;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Key rotation of the credentials vault. Key material never leaves the service. */
@Path("/api/admin/erp/credentials")
@RolesAllowed("${tgm.admin.role}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Credentials")
public class CredentialsResource {
  private final CredentialRotation rotation;

  public CredentialsResource(CredentialRotation rotation) {
    this.rotation = rotation;
  }

  /** The configured key ids and how many stored secrets each protects. */
  @Schema(
      example =
          """
          {"currentKeyId": "2026-11", "keyIds": ["2026-05", "2026-11"],
           "secretsByKey": {"2026-11": 31}}\
          """)
  public record KeyStatus(
      String currentKeyId, Set<String> keyIds, Map<String, Long> secretsByKey) {}

  @GET
  @Path("/keys")
  @Operation(
      summary = "Encryption keys in use",
      description =
          "The current key id, every configured key id, and how many stored secrets each key"
              + " protects. A key no secret uses any more can be removed from"
              + " tgm.credentials.keys.")
  public KeyStatus keys() {
    KeyRing ring = rotation.keyRing();
    return new KeyStatus(ring.currentKeyId(), ring.keyIds(), rotation.secretsByKey());
  }

  @POST
  @Path("/re-encrypt")
  @Operation(
      summary = "Re-encrypt all secrets under the current key",
      description =
          "After a new key was added to tgm.credentials.keys and made current"
              + " (tgm.credentials.current-key), rewrites every secret stored under an older key,"
              + " one connection per transaction, and publishes each changed connection. Safe to"
              + " run again; connections whose secrets cannot be decrypted are listed.")
  @AuditAction("credentials.re-encrypt")
  public CredentialRotation.Report reEncrypt() {
    return rotation.reEncryptAll();
  }
}
