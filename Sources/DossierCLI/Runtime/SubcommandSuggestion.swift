import ArgumentParser

/// The nearest subcommand to a mistyped one, as ArgumentParser already does for options:
/// `dossier case lsit` says "did you mean 'list'?" rather than "Unexpected argument".
enum SubcommandSuggestion {
    /// The usage error for `arguments` when one of them stands where a subcommand is due and
    /// is none, or nil when the command path is whole (the usage error is another).
    static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [name(of: root)]
        for (index, argument) in arguments.enumerated() where !argument.hasPrefix("-") {
            // After `--as`, `l.chen` is the option's value, not a subcommand, however misplaced.
            if index > 0, arguments[index - 1].hasPrefix("--"), !arguments[index - 1].contains("=") { continue }
            let subcommands = command.configuration.subcommands
            if let next = subcommands.first(where: { names(of: $0).contains(argument) }) {
                command = next
                path.append(name(of: next))
                continue
            }
            // A command with subcommands takes no argument of its own (its options are its
            // subcommands'), so anything else here is a mistyped subcommand, whatever the
            // parser complained of first (an option the group does not have, say).
            guard !subcommands.isEmpty else { return nil }
            let known = subcommands.map { name(of: $0) }
            let typed = argument.lowercased()
            let nearest = known
                .map { (name: $0, distance: distance(typed, $0)) }
                .filter { $0.distance <= max(2, typed.count / 3) || $0.name.hasPrefix(typed) }
                .min { $0.distance < $1.distance }
            let commandPath = path.joined(separator: " ")
            let hint = nearest.map { "did you mean '\($0.name)'? " } ?? ""
            return "error: '\(argument)' is not a subcommand of '\(commandPath)'; \(hint)"
                + "the subcommands are \(known.joined(separator: ", ")) (see '\(commandPath) --help')"
        }
        return nil
    }

    /// A function rather than the key path `\._commandName`, which crashes swift-frontend
    /// 6.3.1 on an existential metatype.
    private static func name(of command: any ParsableCommand.Type) -> String {
        command._commandName
    }

    private static func names(of command: any ParsableCommand.Type) -> [String] {
        [name(of: command)] + command.configuration.aliases
    }

    /// Levenshtein distance, with a transposition of neighbours counted as one edit.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
