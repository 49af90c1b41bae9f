package org.creativelabs.core.members.privacy;

import java.util.UUID;

/** A profile its owner chose to show to the lab's other members. */
record DirectoryEntry(UUID membershipId, String displayName, String craft, String bio) {}
