package io.telerisk.agri.scene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The radiometric facts a Sentinel-2 L2A product states about itself: {@code PROCESSING_BASELINE},
 * {@code BOA_ADD_OFFSET} and {@code BOA_QUANTIFICATION_VALUE}, read from the SAFE product's {@code MTD_MSIL2A.xml}
 * or from a GeoTIFF's {@code GDAL_METADATA} tag (as {@code gdal_translate -mo} or GDAL's SENTINEL2 driver write them).
 * What the product states is preferred over anything a user assumed, because only the product knows.
 *
 * @param processingBaseline e.g. {@code "05.10"}; {@code null} when not stated
 * @param boaAddOffset       BOA_ADD_OFFSET (the first one, ESA gives the same for every band); {@code null} when not stated
 * @param quantification     BOA_QUANTIFICATION_VALUE; {@code null} when not stated
 */
public record ProductMetadata(String processingBaseline, Integer boaAddOffset, Integer quantification) {
    /** Nothing stated. */
    public static final ProductMetadata NONE = new ProductMetadata(null, null, null);

    // <PROCESSING_BASELINE>05.10</PROCESSING_BASELINE> or <BOA_ADD_OFFSET band_id="3">-1000</BOA_ADD_OFFSET>
    private static final Pattern XML_ELEMENT = Pattern.compile("<(PROCESSING_BASELINE|BOA_ADD_OFFSET|BOA_QUANTIFICATION_VALUE)\\b[^>]*>\\s*([^<]*?)\\s*</\\1>");
    // <Item name="BOA_ADD_OFFSET" sample="0">-1000</Item>; GDAL's driver also names per-band offsets BOA_ADD_OFFSET_B4
    private static final Pattern GDAL_ITEM = Pattern.compile("<Item\\s+name=\"(PROCESSING_BASELINE|BOA_ADD_OFFSET(?:_B\\w+)?|BOA_QUANTIFICATION_VALUE)\"[^>]*>\\s*([^<]*?)\\s*</Item>");

    /** True when the product states its offset or its baseline. */
    public boolean statesScaling() {
        return boaAddOffset != null || processingBaseline != null;
    }

    /**
     * The scaling the product states: its BOA_ADD_OFFSET (and quantification) when given, else the one of its
     * processing baseline; empty when it states neither.
     *
     * @throws IllegalArgumentException when the stated baseline cannot be parsed
     */
    public Optional<RadiometricScaling> scaling() {
        int q = quantification == null ? 10000 : quantification;
        if (boaAddOffset != null) return Optional.of(new RadiometricScaling(q, boaAddOffset));
        if (processingBaseline != null) {
            RadiometricScaling b = RadiometricScaling.forProcessingBaseline(processingBaseline);
            return Optional.of(new RadiometricScaling(q, b.boaAddOffset()));
        }
        return Optional.empty();
    }

    /** Where the facts came from, for messages. */
    public String describe() {
        return "PROCESSING_BASELINE " + (processingBaseline == null ? "not stated" : processingBaseline)
                + ", BOA_ADD_OFFSET " + (boaAddOffset == null ? "not stated" : boaAddOffset);
    }

    /**
     * Reads a SAFE product's {@code MTD_MSIL2A.xml}.
     *
     * @throws SceneReadException when the file cannot be read or states an unparseable number
     */
    public static ProductMetadata fromMtdFile(Path mtd) {
        try {
            return parse(Files.readString(mtd, StandardCharsets.UTF_8), XML_ELEMENT, mtd.toString());
        } catch (IOException e) {
            throw new SceneReadException(SceneReadException.Reason.IO, mtd, "cannot read product metadata: " + e.getMessage(), e);
        }
    }

    /** Parses the XML of a GeoTIFF's {@code GDAL_METADATA} tag ({@link #NONE} for {@code null}). */
    public static ProductMetadata fromGdalMetadata(String xml, String source) {
        return xml == null ? NONE : parse(xml, GDAL_ITEM, source);
    }

    private static ProductMetadata parse(String text, Pattern p, String source) {
        String baseline = null;
        Integer offset = null, quant = null;
        Matcher m = p.matcher(text);
        while (m.find()) {
            String key = m.group(1), value = m.group(2);
            try {
                if (key.equals("PROCESSING_BASELINE")) {
                    if (baseline == null) baseline = value;
                } else if (key.startsWith("BOA_ADD_OFFSET")) {
                    if (offset == null) offset = (int) Math.round(Double.parseDouble(value));
                } else if (quant == null) {
                    quant = (int) Math.round(Double.parseDouble(value));
                }
            } catch (NumberFormatException e) {
                throw new SceneReadException(SceneReadException.Reason.CORRUPT, source + ": " + key + " '" + value + "' is not a number");
            }
        }
        return new ProductMetadata(baseline, offset, quant);
    }
}
