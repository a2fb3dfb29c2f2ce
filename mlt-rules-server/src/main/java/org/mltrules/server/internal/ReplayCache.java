package org.mltrules.server.internal;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code jti} values seen, each kept until its token expires (plus the clock skew), in bounded memory. When the
 * bound is reached, expired entries are dropped; if it is still full, a new token is refused (fail closed) rather
 * than a live entry forgotten, which would re-open the replay window. Only holders of a trusted signing key can
 * fill it, and the token lifetime cap keeps entries short-lived. Thread-safe.
 */
final class ReplayCache {
    private final int capacity;
    private final Map<String, Long> expiries = new HashMap<>();

    ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay cache capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    enum Result { FIRST_USE, REPLAYED, FULL }

    /**
     * Records a token id.
     *
     * @param key          issuer and jti
     * @param forgetAtSec  epoch second after which the token can no longer be used anyway
     * @param nowSec       the current epoch second
     */
    synchronized Result record(String key, long forgetAtSec, long nowSec) {
        Long known = expiries.get(key);
        if (known != null && known >= nowSec) {
            return Result.REPLAYED;
        }
        if (known == null && expiries.size() >= capacity) {
            purge(nowSec);
            if (expiries.size() >= capacity) {
                return Result.FULL;
            }
        }
        expiries.put(key, forgetAtSec);
        return Result.FIRST_USE;
    }

    private void purge(long nowSec) {
        for (Iterator<Long> it = expiries.values().iterator(); it.hasNext(); ) {
            if (it.next() < nowSec) {
                it.remove();
            }
        }
    }

    synchronized int size() {
        return expiries.size();
    }
}
