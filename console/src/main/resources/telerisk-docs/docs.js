// Swagger UI for the hub's own OpenAPI document; "Authorize" takes a bearer token from POST /api/v1/auth/token.
window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: false,
  persistAuthorization: false
});
