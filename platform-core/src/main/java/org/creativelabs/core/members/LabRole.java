package org.creativelabs.core.members;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A person's role in one lab. Platform-wide duties are Keycloak realm roles instead. */
public enum LabRole {
    @JsonProperty("lab-admin")
    LAB_ADMIN("lab-admin"),
    @JsonProperty("staff")
    STAFF("staff"),
    @JsonProperty("mentor")
    MENTOR("mentor"),
    @JsonProperty("resident")
    RESIDENT("resident"),
    @JsonProperty("network-member")
    NETWORK_MEMBER("network-member"),
    @JsonProperty("applicant")
    APPLICANT("applicant");

    private final String value;

    LabRole(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    static LabRole of(String value) {
        for (LabRole role : values()) {
            if (role.value.equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown lab role " + value);
    }
}
