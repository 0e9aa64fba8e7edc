package io.useranalytics.writer;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.security.SecureRandom;

/**
 * A keyed hash of user ids for the writer's tables: SipHash-2-4 under a key drawn when the writer
 * starts. Clients choose user ids, and ids chosen to share a {@link String#hashCode()} (the
 * "Aa"/"BB" family) would put every entry of an open-addressing table on one probe chain; without
 * the key, no client can know which ids collide. Thread-safe.
 */
final class UserIdHash {
    private final HashFunction sipHash;

    private UserIdHash(long k0, long k1) {
        this.sipHash = Hashing.sipHash24(k0, k1);
    }

    /** A hash under a fresh random key. */
    static UserIdHash random() {
        SecureRandom random = new SecureRandom();
        return new UserIdHash(random.nextLong(), random.nextLong());
    }

    int of(String user) {
        return sipHash.hashUnencodedChars(user).asInt();
    }
}
