import CGLPK

extension GLPKSolver {
    /// Frees GLPK's memory of the calling thread (GLPK keeps an environment per thread).
    ///
    /// For a thread made to run synchronous solves, such as a service's solver thread: call it
    /// last on that thread, once every solve there has returned. Safe only when the thread holds
    /// no GLPK problem, which is true between calls of ``solve(_:options:)``.
    public static func releaseThreadMemory() {
        glp_free_env()
    }
}
