package org.creativelabs.core.members.privacy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

record ConsentView(UUID id, Set<SensitiveField> fields, String wording, Instant givenAt, Instant withdrawnAt) {}
