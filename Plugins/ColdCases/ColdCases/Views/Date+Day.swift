import DossierCore
package import Foundation

extension Date {
    /// `2026-03-01`: the GMT day, for tables.
    package var dayGMT: String { CalendarDate(self, in: .gmt).description }
}
