public import TraffickingCases
import DossierPostgres
public import DossierServer

/// A background job the server runs every hour: flag victims whose referral to support
/// services is overdue.
extension TraffickingCases: BackgroundJobModule {
    public var backgroundJobs: [BackgroundJob] {
        [
            BackgroundJob("flag-overdue-referrals", every: .seconds(3600)) { services in
                _ = try await TraffickingStore(cases: services.store, logger: services.logger).flagOverdueReferrals()
            }
        ]
    }
}
