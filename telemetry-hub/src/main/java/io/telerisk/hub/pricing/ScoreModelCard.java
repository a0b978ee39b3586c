package io.telerisk.hub.pricing;

import io.telerisk.hub.api.ApiException;
import io.telerisk.pricing.rating.TelematicsScorer;
import io.telerisk.pricing.score.tf.ModelCard;
import io.vertx.core.json.JsonObject;

/**
 * What {@code GET /pricing/score-model} answers: the card of the model behind the {@code telematicsScore} variable
 * (features, architecture, training, data, held-out metrics, score definition, intended use, limitations) exactly as
 * the model's own model-card.json says, with the name quotes record as {@code scoreModel}, whether it is the bundled
 * model and whether this hub has loaded it. Read from the card, never from text kept elsewhere, so it cannot drift
 * from the model that prices.
 */
final class ScoreModelCard {
    private ScoreModelCard() {
    }

    static PricingReply of(TelematicsScorer scorer) {
        if (!(scorer instanceof LazyTelematicsScorer lazy)) {
            throw ApiException.notFound("this hub has no telematics score model: plans rating on telematicsScore cannot be quoted");
        }
        ModelCard card;
        try {
            card = lazy.card();
        } catch (ScoreModelUnavailableException e) {
            throw ApiException.unavailable(e.getMessage());
        }
        return PricingReply.ok(new JsonObject().put("variable", "telematicsScore")
                .put("model", card.name() + " created " + card.createdAt())
                .put("bundled", lazy.bundled()).put("state", lazy.state().name())
                .put("card", new JsonObject(card.toJson())));
    }
}
