//===--- SVGDocument.swift ------------------------------------------------===//
//
// A minimal SVG writer: elements as text, attributes escaped, numbers formatted one way.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Paint for a shape: fill, stroke and optional dashes and opacity. Colours are `#rrggbb`
/// or `none`.
struct SVGPaint: Sendable, Equatable {
    var fill: String = "none"
    var stroke: String = "none"
    var strokeWidth: Double = 1
    /// `stroke-dasharray`, e.g. `6 3`.
    var dash: String? = nil
    var opacity: Double? = nil

    static func filled(_ color: String, opacity: Double? = nil) -> SVGPaint { SVGPaint(fill: color, opacity: opacity) }
    static func stroked(_ color: String, width: Double = 1, dash: String? = nil) -> SVGPaint {
        SVGPaint(stroke: color, strokeWidth: width, dash: dash)
    }

    var attributes: [(String, String)] {
        var list: [(String, String)] = [("fill", fill)]
        if stroke != "none" {
            list += [("stroke", stroke), ("stroke-width", SVGNumber.text(strokeWidth))]
            if let dash { list.append(("stroke-dasharray", dash)) }
        }
        if let opacity { list.append(("opacity", SVGNumber.text(opacity))) }
        return list
    }
}

/// How a text line is placed and drawn.
struct SVGTextStyle: Sendable, Equatable {
    enum Anchor: String, Sendable { case start, middle, end }

    var size: Double = 12
    var anchor: Anchor = .start
    var bold = false
    var color = "#222222"
    /// Degrees, around the text's anchor point (-90: reads bottom to top).
    var rotation: Double = 0

    static func sized(_ size: Double, _ anchor: Anchor = .start, bold: Bool = false, color: String = "#222222")
        -> SVGTextStyle
    {
        SVGTextStyle(size: size, anchor: anchor, bold: bold, color: color)
    }
}

/// An SVG document built element by element; ``text`` is a pure function of the calls made,
/// so the same chart data always gives the same bytes.
struct SVGDocument: Sendable {
    let width: Double
    let height: Double
    /// The document's `<title>` (what a screen reader or a browser tab shows).
    let title: String
    private(set) var body: [String] = []

    /// The font stack: DejaVu Sans is what the text-width estimate of ``SVGText`` assumes.
    static let fontFamily = "DejaVu Sans, Verdana, Arial, sans-serif"

    init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
        rect(x: 0, y: 0, width: width, height: height, .filled("#ffffff"))
    }

    /// The whole document, ending with a newline.
    var text: String {
        let size = [
            ("width", SVGNumber.text(width)), ("height", SVGNumber.text(height)),
            ("viewBox", "0 0 \(SVGNumber.text(width)) \(SVGNumber.text(height))"),
        ]
        let open = Self.tag(
            "svg",
            [("xmlns", "http://www.w3.org/2000/svg")] + size
                + [("font-family", Self.fontFamily), ("font-size", "12")], close: false)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + open + "\n<title>" + Self.escaped(title) + "</title>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }

    // MARK: Elements

    /// Any element without content; `class` names it for tests and style sheets.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        body.append(Self.tag(name, attributes, close: true))
    }

    mutating func rect(
        x: Double, y: Double, width: Double, height: Double, _ paint: SVGPaint, class name: String? = nil
    ) {
        element(
            "rect",
            Self.named(name) + [
                ("x", SVGNumber.text(x)), ("y", SVGNumber.text(y)),
                ("width", SVGNumber.text(max(0, width))), ("height", SVGNumber.text(max(0, height))),
            ]
                + paint.attributes)
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ paint: SVGPaint, class name: String? = nil) {
        element(
            "line",
            Self.named(name) + [
                ("x1", SVGNumber.text(x1)), ("y1", SVGNumber.text(y1)),
                ("x2", SVGNumber.text(x2)), ("y2", SVGNumber.text(y2)),
            ] + paint.attributes)
    }

    /// A polyline through `points` (nothing for fewer than two points).
    mutating func polyline(_ points: [(x: Double, y: Double)], _ paint: SVGPaint, class name: String? = nil) {
        guard points.count >= 2 else { return }
        element(
            "polyline",
            Self.named(name) + [("points", Self.pointList(points))] + paint.attributes
                + [("stroke-linejoin", "round")])
    }

    mutating func circle(x: Double, y: Double, radius: Double, _ paint: SVGPaint, class name: String? = nil) {
        element(
            "circle",
            Self.named(name) + [
                ("cx", SVGNumber.text(x)), ("cy", SVGNumber.text(y)),
                ("r", SVGNumber.text(radius)),
            ] + paint.attributes)
    }

    /// A path from SVG path data (built with ``SVGNumber``, e.g. by ``cross(x:y:size:_:)``).
    mutating func path(_ data: String, _ paint: SVGPaint, class name: String? = nil) {
        element("path", Self.named(name) + [("d", data)] + paint.attributes)
    }

    /// An × centred on (x, y).
    mutating func cross(x: Double, y: Double, size: Double, _ paint: SVGPaint, class name: String? = nil) {
        let h = size / 2
        let n = { (v: Double) in SVGNumber.text(v) }
        path(
            "M\(n(x - h)) \(n(y - h))L\(n(x + h)) \(n(y + h))M\(n(x - h)) \(n(y + h))L\(n(x + h)) \(n(y - h))", paint,
            class: name)
    }

    /// One line of text; `(x, y)` is the anchor point on the baseline.
    mutating func text(_ content: String, x: Double, y: Double, _ style: SVGTextStyle, class name: String? = nil) {
        var attributes = Self.named(name) + [("x", SVGNumber.text(x)), ("y", SVGNumber.text(y))]
        if style.anchor != .start { attributes.append(("text-anchor", style.anchor.rawValue)) }
        attributes.append(("font-size", SVGNumber.text(style.size)))
        if style.bold { attributes.append(("font-weight", "bold")) }
        attributes.append(("fill", style.color))
        if style.rotation != 0 {
            attributes.append(
                ("transform", "rotate(\(SVGNumber.text(style.rotation)) \(SVGNumber.text(x)) \(SVGNumber.text(y)))"))
        }
        body.append(Self.tag("text", attributes, close: false) + Self.escaped(content) + "</text>")
    }

    // MARK: Text of elements

    /// `&`, `<`, `>`, `"` and `'` as entities: safe in attribute values and in text; control
    /// characters (from a run.json's names) as visible escapes such as `\n`, which XML 1.0
    /// would not allow even as character references.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in ControlCharacters.visible(text) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }

    /// `<name a="v" …/>` (or `>` when `close` is false), attributes in the given order.
    static func tag(_ name: String, _ attributes: [(String, String)], close: Bool) -> String {
        "<" + name + attributes.map { " \($0.0)=\"\(escaped($0.1))\"" }.joined() + (close ? "/>" : ">")
    }

    static func pointList(_ points: [(x: Double, y: Double)]) -> String {
        points.map { SVGNumber.text($0.x) + "," + SVGNumber.text($0.y) }.joined(separator: " ")
    }

    private static func named(_ name: String?) -> [(String, String)] { name.map { [("class", $0)] } ?? [] }
}
