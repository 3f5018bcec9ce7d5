#pragma once

#include <QString>

namespace scalelab::gui {

/// Text from a file made safe to show and to put in XML, HTML, SVG or a terminal: control
/// characters and non-characters (invisible, and not allowed in XML 1.0) become U+FFFD.
QString printableText(const QString& text);

/// printableText(), then escaped for HTML/XML text and attribute values.
QString markupText(const QString& text);

} // namespace scalelab::gui
