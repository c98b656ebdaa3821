package org.ambidex.data.interhand;

import org.ambidex.data.HandType;

/** Which annotations to keep by hand type. */
public enum HandTypeSelection {
    /** Single right or left hands only. */
    SINGLE,
    /** Two interacting hands only. */
    INTERACTING,
    /** Both; single hands first, then interacting ones, as the official loader orders them. */
    ALL;

    public boolean accepts(HandType type) {
        return this == ALL || (this == SINGLE) == type.single();
    }
}
