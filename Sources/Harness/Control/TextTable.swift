import Foundation

/// A plain-text table for the CLI: a header row, columns padded to their widest cell, two spaces between.
package struct TextTable: Sendable {
    package var headers: [String]
    package var rows: [[String]] = []

    package init(_ headers: [String]) {
        self.headers = headers
    }

    package mutating func add(_ row: [String]) {
        rows.append(row)
    }

    package func render() -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
