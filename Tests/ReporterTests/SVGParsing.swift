#if canImport(FoundationXML)
    import FoundationXML
#else
    import Foundation
#endif
import Foundation

/// An SVG document read back with Foundation's XMLParser: a failed parse means the chart is
/// not well-formed XML.
struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
    }

    var elements: [Element] = []
    var error: String?

    init(_ text: String) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = delegate
        if !parser.parse() {
            error = parser.parserError.map { "\($0)" } ?? "parse failed"
        }
        elements = delegate.elements
    }

    /// The elements whose `class` is `name`.
    func ofClass(_ name: String) -> [Element] { elements.filter { $0.attributes["class"] == name } }

    /// Every text element's content.
    var texts: [String] { elements.filter { $0.name == "text" || $0.name == "title" }.map(\.text) }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append(Element(name: name, attributes: attributes, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}
