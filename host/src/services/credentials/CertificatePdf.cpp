#include "services/credentials/CertificatePdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace yanzhen::services {

namespace {

constexpr double kWidth = 595.276; // A4 in points
constexpr double kHeight = 841.89;
constexpr double kMargin = 56;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

/// Draws `text` centred between the margins with its top at `y`; returns the y below it.
double centred(cairo_t* cr, const std::string& text, const char* font, double y, double r = 0.1,
               double g = 0.1, double b = 0.1) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* desc = pango_font_description_from_string(font);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout, static_cast<int>((kWidth - 2 * kMargin) * PANGO_SCALE));
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, text.c_str(), -1);
    cairo_set_source_rgb(cr, r, g, b);
    cairo_move_to(cr, kMargin, y);
    pango_cairo_show_layout(cr, layout);
    int width = 0;
    int height = 0;
    pango_layout_get_pixel_size(layout, &width, &height);
    g_object_unref(layout);
    return y + height;
}

/// Draws the QR code of `url` as a square of `size` points at (x, y), with its quiet zone.
void drawQr(cairo_t* cr, const std::string& url, double x, double y, double size) {
    std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
        QRcode_encodeString(url.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
    if (!qr) throw std::runtime_error("the verification address does not fit a QR code");
    const int quiet = 4;
    const int n = qr->width;
    const double module = size / (n + 2 * quiet);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int row = 0; row < n; ++row)
        for (int col = 0; col < n; ++col)
            if (qr->data[row * n + col] & 1)
                cairo_rectangle(cr, x + (col + quiet) * module, y + (row + quiet) * module, module,
                                module);
    cairo_fill(cr);
}

} // namespace

std::string renderCertificatePdf(const CredentialView& v, const std::string& verifyUrl) {
    std::string pdf;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, kWidth, kHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   (v.payload.title.zh + " " + v.row.serial).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Yanzhen");
    cairo_t* cr = cairo_create(surface);

    // A double frame in a dark red, as paper certificates have.
    cairo_set_source_rgb(cr, 0.55, 0.08, 0.08);
    cairo_set_line_width(cr, 3);
    cairo_rectangle(cr, 28, 28, kWidth - 56, kHeight - 56);
    cairo_stroke(cr);
    cairo_set_line_width(cr, 1);
    cairo_rectangle(cr, 36, 36, kWidth - 72, kHeight - 72);
    cairo_stroke(cr);

    const auto& p = v.payload;
    double y = 90;
    y = centred(cr, p.authority.zh, "Noto Serif CJK SC 14", y, 0.3, 0.3, 0.3) + 24;
    y = centred(cr, "证　书", "Noto Serif CJK SC Bold 40", y, 0.55, 0.08, 0.08) + 6;
    y = centred(cr, "Certificate · " + p.title.en, "Noto Serif CJK SC 16", y, 0.3, 0.3, 0.3) + 40;
    y = centred(cr, p.holderName, "Noto Serif CJK SC Bold 32", y) + 4;
    y = centred(cr, p.holderCode, "Noto Sans CJK SC 11", y, 0.4, 0.4, 0.4) + 28;
    y = centred(cr, "完成“" + p.courseTitle.zh + "”的要求，取得", "Noto Serif CJK SC 14", y) + 10;
    y = centred(cr, p.title.zh, "Noto Serif CJK SC Bold 26", y, 0.55, 0.08, 0.08) + 12;
    y = centred(cr,
                "has met the requirements of " + p.courseTitle.en + " (" + p.courseVersion +
                    ") and holds the " + p.title.en,
                "Noto Sans CJK SC 11", y, 0.3, 0.3, 0.3) +
        36;

    const std::string until = p.validUntil.empty() ? "长期有效 / no expiry" : p.validUntil;
    const std::string details = "证书编号 Serial: " + p.serial +
                                "\n发证日期 Issued: " + p.issuedOn +
                                "\n有效期 Valid: " + p.validFrom + " – " + until +
                                "\n发证机关 Issued by: " + p.authority.zh + "\n" + p.authority.en;
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* desc = pango_font_description_from_string("Noto Sans CJK SC 11");
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout, static_cast<int>(300 * PANGO_SCALE));
    pango_layout_set_spacing(layout, 2 * PANGO_SCALE);
    pango_layout_set_text(layout, details.c_str(), -1);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    const double detailsTop = std::max(y, 500.0);
    cairo_move_to(cr, kMargin + 10, detailsTop);
    pango_cairo_show_layout(cr, layout);
    g_object_unref(layout);

    const double qrSize = 150;
    drawQr(cr, verifyUrl, kWidth - kMargin - 10 - qrSize, detailsTop - 10, qrSize);
    centred(cr, "扫码核验 Scan to verify: " + verifyUrl, "Noto Sans CJK SC 9", kHeight - 64, 0.35,
            0.35, 0.35);

    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return pdf;
}

} // namespace yanzhen::services
