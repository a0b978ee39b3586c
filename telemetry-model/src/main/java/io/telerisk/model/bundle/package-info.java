/** Files the engines ship inside their jars (trained models with their cards) and how to hand them to a loader. */
package io.telerisk.model.bundle;
