package org.creativelabs.core.spaces;

public enum SpaceKind {
    ROOM,
    DESK,
    STUDIO,
    EQUIPMENT
}
