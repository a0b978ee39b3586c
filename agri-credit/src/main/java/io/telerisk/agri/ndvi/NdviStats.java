package io.telerisk.agri.ndvi;

/**
 * Zonal NDVI statistics of one field in one scene, over its valid pixels.
 *
 * @param validPixels       pixels used (centre inside the field, not masked, DN non-zero)
 * @param mean              mean NDVI
 * @param median            median NDVI (mean of the two middle values for an even count, as numpy)
 * @param std               population standard deviation (ddof 0, as numpy's default)
 * @param min               minimum NDVI
 * @param max               maximum NDVI
 * @param cloudFreeFraction valid pixels / pixels of the field (clouds, shadow, cirrus, snow, defective and no-data
 *                          all count as not clear)
 */
public record NdviStats(long validPixels, double mean, double median, double std, double min, double max,
                        double cloudFreeFraction) {
}
