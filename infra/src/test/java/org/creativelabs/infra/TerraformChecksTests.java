package org.creativelabs.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every .tf file in infra/ passes the checks, and the checks fail on a syntax error, a bare variable or a loose pin.
 * On a machine without Node.js these tests are skipped with the reason; CI sets CLP_REQUIRE_HCL_PARSER so that there
 * they fail instead.
 */
class TerraformChecksTests {

    @BeforeAll
    static void hashicorpParser() {
        boolean available = TerraformCheck.parserAvailable();
        if (System.getenv("CLP_REQUIRE_HCL_PARSER") != null) {
            assertThat(available)
                    .as("Node.js, npm and @cdktf/hcl2json are required in CI")
                    .isTrue();
        }
        assumeTrue(available, "Node.js and npm are needed for HashiCorp's HCL parser (@cdktf/hcl2json)");
    }

    private static final String VERSIONS = """
            terraform {
              required_version = ">= 1.6.0, < 2.0.0"
              required_providers {
                kubernetes = {
                  source  = "hashicorp/kubernetes"
                  version = "2.36.0"
                }
              }
            }
            """;

    @Test
    void everyTerraformFileInInfraPasses() {
        assertThat(TerraformCheck.tfFiles(Path.of("modules"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(TerraformCheck.tfFiles(Path.of("environments"))).hasSizeGreaterThanOrEqualTo(4);
        TerraformCheck.Report report = TerraformCheck.run(Path.of("."));
        System.out.println("Terraform " + TerraformCheck.describe(report));
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void failsOnASyntaxError(@TempDir Path dir) throws IOException {
        module(dir, VERSIONS, """
                variable "lab_domain" {
                  description = "DNS domain"
                  type        = string
                """);
        assertThat(TerraformCheck.run(dir).violations())
                .anySatisfy(v -> assertThat(v).contains("does not parse"));
    }

    @Test
    void failsOnAVariableWithoutDescription(@TempDir Path dir) throws IOException {
        module(dir, VERSIONS, """
                variable "lab_domain" {
                  type = string
                }
                """);
        assertThat(TerraformCheck.run(dir).violations())
                .anySatisfy(v -> assertThat(v).contains("variable \"lab_domain\" has no description"));
    }

    @Test
    void failsOnAProviderThatIsNotPinned(@TempDir Path dir) throws IOException {
        module(dir, VERSIONS.replace("\"2.36.0\"", "\">= 2.0\""), """
                variable "lab_domain" {
                  description = "DNS domain"
                  type        = string
                }
                """);
        assertThat(TerraformCheck.run(dir).violations())
                .anySatisfy(v -> assertThat(v).contains("provider kubernetes is not pinned"));
    }

    private static void module(Path dir, String versions, String variables) throws IOException {
        Files.writeString(dir.resolve("versions.tf"), versions);
        Files.writeString(dir.resolve("variables.tf"), variables);
        Files.writeString(dir.resolve("README.md"), "# test module\n");
    }
}
