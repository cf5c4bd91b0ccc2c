# The in-cluster reconciler: `cdk8s-kubeflow reconcile` (see the README's "Reconciler").
# Build after `npm run build`, which writes lib/: docker build -t ghcr.io/example/cdk8s-kubeflow:<version> .
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY lib/ lib/
COPY schemas/ schemas/
# The image's `node` user (uid 1000), which the Deployment's runAsUser names.
USER 1000:1000
ENTRYPOINT ["node", "lib/cli/main.js"]
CMD ["reconcile"]
