// Starts Swagger UI on /docs over the OpenAPI document named by the container's data-url.
window.addEventListener("DOMContentLoaded", () => {
  const container = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: container.dataset.url,
    domNode: container,
    deepLinking: true,
    validatorUrl: "none",
  });
});
