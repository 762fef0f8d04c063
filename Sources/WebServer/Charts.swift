import Foundation

/// Inline SVG charts for the dashboard: no script and no external file, sized by a view box so that they
/// scale to the page (drawn for a phone's width first).
enum Charts {
    /// One point of the index line; nil where the index could not be computed.
    struct Point {
        var label: String
        var value: Double?
    }

    /// One horizontal bar: `fraction` of the full width (0–1), nil when there is no data.
    struct Bar {
        var label: String
        var fraction: Double?
        /// Text at the right end (value, data points).
        var note: String
    }

    static let width = 360.0
    static let colors = (red: "#c62828", yellow: "#f2a900", green: "#2e7d32", line: "#1f4e79", track: "#e9ecef", text: "#333")

    /// The trust index over weeks, on the red, yellow and green bands.
    /// - Parameters:
    ///   - points: one per week, oldest first.
    ///   - yellowFrom: threshold of the yellow band.
    ///   - greenFrom: threshold of the green band.
    ///   - title: accessible title.
    static func indexLine(_ points: [Point], yellowFrom: Double, greenFrom: Double, title: String) -> String {
        let (left, right, top, bottom) = (30.0, 14.0, 12.0, 26.0)
        let height = 190.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func y(_ value: Double) -> Double { top + plotHeight * (1 - min(100, max(0, value)) / 100) }
        func x(_ index: Int) -> Double { left + (points.count > 1 ? plotWidth * Double(index) / Double(points.count - 1) : plotWidth / 2) }
        var svg = open(height: height, title: title, kind: "index")
        for (from, to, color) in [(0.0, yellowFrom, "#fdecea"), (yellowFrom, greenFrom, "#fff6d6"), (greenFrom, 100.0, "#e8f5e9")] {
            svg += rect(x: left, y: y(to), width: plotWidth, height: y(from) - y(to), fill: color)
        }
        for tick in [0.0, yellowFrom, greenFrom, 100.0] {
            svg += ##"<line x1="\##(f(left))" y1="\##(f(y(tick)))" x2="\##(f(width - right))" y2="\##(f(y(tick)))" stroke="#ccc" stroke-width="0.5"/>"##
            svg += text(x: left - 4, y: y(tick) + 4, anchor: "end", size: 10, Self.number(tick))
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                svg += ##"<polyline fill="none" stroke="\##(colors.line)" stroke-width="2.5" points="\##(segment.joined(separator: " "))"/>"##
            }
            segment = []
        }
        for (index, point) in points.enumerated() {
            guard let value = point.value else { flush(); continue }
            segment.append("\(f(x(index))),\(f(y(value)))")
        }
        flush()
        for (index, point) in points.enumerated() {
            if let value = point.value {
                let color = value >= greenFrom ? colors.green : value >= yellowFrom ? colors.yellow : colors.red
                svg += ##"<circle cx="\##(f(x(index)))" cy="\##(f(y(value)))" r="4" fill="\##(color)" stroke="#fff" stroke-width="1">"##
                    + "<title>\(escape(point.label)): \(Int(value.rounded()))</title></circle>"
                if index == points.count - 1 {
                    svg += text(x: x(index) - 6, y: y(value) - 8, anchor: "end", size: 12, weight: "bold", "\(Int(value.rounded()))")
                }
            }
            if (points.count - 1 - index) % 2 == 0 {
                svg += text(x: x(index), y: height - 8, anchor: "middle", size: 10, point.label)
            }
        }
        return svg + "</svg>"
    }

    /// Labelled horizontal bars, one per row, coloured by how full they are; rows without data show an empty track.
    /// - Parameters:
    ///   - bars: the rows.
    ///   - title: accessible title.
    ///   - kind: a class name for the chart (tests and the browser check look for it).
    static func bars(_ bars: [Bar], title: String, kind: String) -> String {
        let row = 34.0
        let height = row * Double(bars.count) + 4
        var svg = open(height: height, title: title, kind: kind)
        for (index, bar) in bars.enumerated() {
            let top = row * Double(index)
            svg += text(x: 0, y: top + 12, anchor: "start", size: 12, bar.label)
            svg += text(x: width, y: top + 12, anchor: "end", size: 11, bar.note)
            svg += rect(x: 0, y: top + 17, width: width, height: 11, fill: colors.track)
            if let fraction = bar.fraction {
                let clamped = min(1, max(0, fraction))
                let color = clamped >= 0.7 ? colors.green : clamped >= 0.4 ? colors.yellow : colors.red
                svg += rect(x: 0, y: top + 17, width: max(2, width * clamped), height: 11, fill: color, title: "\(bar.label): \(bar.note)")
            }
        }
        return svg + "</svg>"
    }

    private static func open(height: Double, title: String, kind: String) -> String {
        ##"<svg class="chart chart-\##(kind)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \##(f(width)) \##(f(height))" role="img" "##
            + ##"preserveAspectRatio="xMidYMid meet" font-family="system-ui, sans-serif"><title>\##(escape(title))</title>"##
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil) -> String {
        let shape = ##"<rect x="\##(f(x))" y="\##(f(y))" width="\##(f(width))" height="\##(f(height))" rx="2" fill="\##(fill)""##
        guard let title else { return shape + "/>" }
        return shape + "><title>\(escape(title))</title></rect>"
    }

    private static func text(
        x: Double, y: Double, anchor: String, size: Int, weight: String = "normal", _ content: String
    ) -> String {
        ##"<text x="\##(f(x))" y="\##(f(y))" text-anchor="\##(anchor)" font-size="\##(size)" font-weight="\##(weight)" fill="\##(colors.text)">"##
            + escape(content) + "</text>"
    }

    /// A coordinate with at most one decimal.
    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    static func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }

    /// Escapes text for SVG/HTML content and attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
