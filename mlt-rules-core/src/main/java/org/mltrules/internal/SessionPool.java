package org.mltrules.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Rule sessions of one rule base, reused from case to case: a concurrent queue that grows to the number of callers
 * at once. A session given back after a clean evaluation is reset (facts, node memories, agenda, globals and
 * listeners are cleared, while the memory structures built for the rule network are kept, sparing their allocation
 * on every call: a third of the cost of a fresh session), as Drools' own {@code KieSessionsPool} does. A session an
 * evaluation did not end cleanly (a rule threw, looped, ran out of time, or an error went through Drools) is
 * <em>discarded</em>: disposed and never handed to another case, as its agenda or its execution state may be
 * inconsistent. (Drools' pool cannot drop a session: it keeps every session it ever made, so dropping one would
 * leak it.) Thread-safe.
 */
final class SessionPool {
    private final KieBase base;
    private final ConcurrentLinkedQueue<KieSession> idle = new ConcurrentLinkedQueue<>();

    SessionPool(KieBase base) {
        this.base = base;
    }

    /** A session with no facts, listeners or globals, for one evaluation. */
    KieSession take() {
        KieSession s = idle.poll();
        if (s != null) {
            return s;
        }
        // As Drools' pool makes them: a session the rule base does not keep a reference to.
        return base instanceof InternalKnowledgeBase internal ? internal.newKieSession(null, null, true)
                : base.newKieSession();
    }

    /** Takes back a session after a clean evaluation. */
    void giveBack(KieSession s) {
        if (s instanceof StatefulKnowledgeSessionImpl impl) {
            impl.reset();
            idle.offer(s);
        } else {
            discard(s);
        }
    }

    /** Disposes of a session whose evaluation did not end cleanly; it is never used again. */
    void discard(KieSession s) {
        try {
            s.dispose();
        } catch (RuntimeException e) {
            // A session in an inconsistent state may fail to dispose: it is dropped all the same.
        }
    }

    /** Sessions waiting for a case (for tests). */
    int idle() {
        return idle.size();
    }
}
