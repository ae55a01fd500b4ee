/// Runs work for the same key one at a time (different keys run freely): two messages of one batch that
/// carry the same Sentry event must not both pass the duplicate check before either creates its task.
actor KeyedSerializer {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: String) async {
        if busy.insert(key).inserted { return }
        await withCheckedContinuation { continuation in waiting[key, default: []].append(continuation) }
    }

    func release(_ key: String) {
        if var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue.isEmpty ? nil : queue
            next.resume()  // the key stays busy, handed to the next waiter
        } else {
            busy.remove(key)
        }
    }
}
