import DossierTesting
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `dossier serve` as an operator starts it.
@Suite struct ServeCommandTests {
    /// A socket listening on a free loopback port, held open for the test.
    struct OccupiedPort: ~Copyable {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, listen(descriptor, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(descriptor) }
    }

    @Test func aPortInUseEndsServeWithExitOneNamingTheAddress() async throws {
        try await TestDatabase.with { db in
            let occupied = try OccupiedPort()
            let started = ContinuousClock.now
            let run = try DossierBinary.run(["serve", "--port", "\(occupied.port)"], databaseURL: db.url)
            #expect(run.status == 1)
            #expect(!run.stdout.contains("serving on"), "\(run.stdout)")
            #expect(run.stderr.contains(
                "error: cannot listen on 127.0.0.1:\(occupied.port): address already in use; is another server using it? Choose another with --port"),
                "\(run.stderr)")
            #expect(ContinuousClock.now - started < .seconds(30))
        }
    }
}
