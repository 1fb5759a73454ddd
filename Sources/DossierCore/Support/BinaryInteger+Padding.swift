extension BinaryInteger {
    /// The decimal digits, left-padded with zeros to `width`: `42.zeroPadded(6)` is `000042`.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self.magnitude)
        let sign = self < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
