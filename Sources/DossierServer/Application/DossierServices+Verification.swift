public import DossierPostgres

extension DossierServices {
    /// Re-walks every event chain, record chain and the admin log, comparing the heads with
    /// the newest signed checkpoint when the server keeps them; nil, at once, when such a
    /// run is already going on this database (from any server, the API or the console): it
    /// works both cores for minutes at a million cases.
    public func verifyEveryChainOnce() async throws -> ChainVerificationReport? {
        try await ExclusiveRun.run("chain-verification", client: client, logger: logger) {
            if let checkpoints { try await checkpoints.verify(store: store) } else { try await store.verifyChains() }
        }
    }
}
