#include "gui/util/SafeText.h"

namespace scalelab::gui {

QString printableText(const QString& text)
{
    QString out = text;
    for (QChar& c : out)
        if (c.category() == QChar::Other_Control)
            c = QChar::ReplacementCharacter;
    return out;
}

QString markupText(const QString& text)
{
    return printableText(text).toHtmlEscaped();
}

} // namespace scalelab::gui
