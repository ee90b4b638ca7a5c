#if canImport(Glibc)
import Glibc
#endif

/// A value that threads share, changed only while its lock is held: `Locked(0)`, then
/// `counter.withLock { $0 += 1 }`, as with the standard library's `Mutex`.
///
/// Why not `Synchronization.Mutex`: on Linux it locks with the futex system call from inside
/// the standard library, which ThreadSanitizer neither instruments nor intercepts, so under
/// `-sanitize=thread` every value it guards is reported as a race (docs/reliability.md shows the
/// fifteen-line program that gets the report). A POSIX mutex is intercepted, so the lock's order
/// is seen and `make sanitize` reports only real races. The cost is one allocation per lock and a
/// call per use; none of these locks is on a hot path.
public final class Locked<Value>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    // Behind a pointer rather than a stored property: ThreadSanitizer checks the value's memory
    // under the mutex either way, and a `Locked<Void>`'s stored value of no size would share its
    // address with the mutex's pointer, which it reported as a race of the lock with itself.
    private let value: UnsafeMutablePointer<Value>

    public init(_ value: Value) {
        self.value = .allocate(capacity: 1)
        self.value.initialize(to: value)
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        precondition(pthread_mutex_init(mutex, nil) == 0, "pthread_mutex_init failed")
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` with the value while holding the lock; `body` must not take this lock again.
    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value.pointee)
    }
}
