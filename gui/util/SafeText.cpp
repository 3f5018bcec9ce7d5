#include "gui/util/SafeText.h"

namespace scalelab::gui {

QString printableText(const QString& text)
{
    QString out = text;
    for (QChar& c : out)
        if (c.category() == QChar::Other_Control || c.isNonCharacter())
            c = QChar::ReplacementCharacter; // U+FFFE and U+FFFF are not allowed in XML either
    return out;
}

QString markupText(const QString& text)
{
    return printableText(text).toHtmlEscaped();
}

} // namespace scalelab::gui
